// Builds DOM nodes from data without innerHTML, so transcripts, tool output and numbers can never inject markup.

/**
 * h('p', {class: 'x', onclick: fn}, 'text', child) → element. Attributes named on* become listeners,
 * `false`/null/undefined attributes are left out, children may be strings, nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) {
        if (value === false || value === null || value === undefined) continue;
        if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
        else if (name === 'value' && 'value' in element) element.value = value;
        else if (name === 'checked') element.checked = Boolean(value);
        else element.setAttribute(name, value === true ? '' : String(value));
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(element, child);
        else element.append(child instanceof Node ? child : String(child));
    }
}

/** Replaces all children of element. */
export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

let uniqueId = 0;

/** A page-unique id for label/field and aria-describedby pairs. */
export function nextId(prefix) {
    uniqueId++;
    return `${prefix}-${uniqueId}`;
}

/** A labelled form field: label, control, hint and an error slot tied to it by aria-describedby. */
export function field(labelText, control, hint) {
    const id = control.id || nextId('field');
    control.id = id;
    const hintNode = hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null;
    const error = h('p', {class: 'field-error', id: `${id}-error`, hidden: true});
    control.setAttribute('aria-describedby', [hintNode?.id, error.id].filter(Boolean).join(' '));
    const wrapper = h('div', {class: 'field'}, h('label', {for: id}, labelText), control, hintNode, error);
    wrapper.showError = message => {
        error.textContent = message ?? '';
        error.hidden = !message;
        if (message) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
    };
    return wrapper;
}
