// Dialer: place an outbound call with per-call instructions and variables; numbers checked in the page first.
import {api} from '../api.js';
import {field, h, replace} from '../dom.js';
import {e164Problem, maskNumber} from '../format.js';

export function dialerView(main, _param, ctx) {
    const to = h('input', {type: 'tel', name: 'to', required: true, autocomplete: 'off', inputmode: 'tel',
        placeholder: '+14155550123'});
    const from = h('input', {type: 'tel', name: 'from', autocomplete: 'off', inputmode: 'tel'});
    const instructions = h('textarea', {name: 'instructions', rows: 4});
    const profile = h('select', {name: 'profile'}, h('option', {value: 'default'}, 'default'));
    const profileField = field('Agent profile', profile, 'The profile the agent runs on for this call.');
    api.listProfiles().then(list => replace(profile, (list ?? []).map(p =>
        h('option', {value: p.name}, `${p.name} (version ${p.version})`)))).catch(() => {});
    const toField = field('To (required)', to, 'E.164: + then country code and number, no spaces.');
    const fromField = field('From', from, 'Optional: leave empty for the configured caller ID.');
    const instructionsField = field('Instructions for this call', instructions,
        'Optional: used instead of the agent\'s instructions for this call only.');
    const variables = h('div', {class: 'variables'});
    const variablesError = h('p', {class: 'field-error', id: 'variables-error', hidden: true});
    const result = h('div', {class: 'dial-result', role: 'status', 'aria-live': 'polite'});
    const submit = h('button', {type: 'submit'}, 'Place call');

    const form = h('form', {class: 'dialer', novalidate: true, 'aria-labelledby': 'dialer-heading'},
        toField, fromField, profileField, instructionsField,
        h('fieldset', {'aria-describedby': 'variables-error'},
            h('legend', {}, 'Variables'),
            h('p', {class: 'hint'}, 'Optional name/value pairs the agent can use in this call.'),
            variables,
            h('button', {type: 'button', class: 'secondary', onclick: () => addVariable(variables)}, 'Add variable'),
            variablesError),
        submit);

    replace(main, h('section', {class: 'narrow-page', 'aria-labelledby': 'dialer-heading'},
        h('h1', {id: 'dialer-heading'}, 'Dialer'), form, result));

    const check = (input, wrapper, optional) => {
        const value = input.value.trim();
        const problem = optional && !value ? null : e164Problem(value);
        wrapper.showError(problem);
        return !problem;
    };
    // Checking on blur when the blur comes from pressing a button would move that button away from under the
    // pointer (the error line shifts the layout) and swallow the click; the submit handler checks anyway.
    const leavingForButton = event => event.relatedTarget?.tagName === 'BUTTON';
    to.addEventListener('blur', event => to.value && !leavingForButton(event) && check(to, toField, false));
    from.addEventListener('blur', event => !leavingForButton(event) && check(from, fromField, true));
    to.addEventListener('input', () => to.getAttribute('aria-invalid') && check(to, toField, false));

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const okTo = check(to, toField, false);
        const okFrom = check(from, fromField, true);
        const vars = readVariables(variables, variablesError);
        if (!okTo || !okFrom || !vars) {
            form.querySelector('[aria-invalid="true"]')?.focus();
            return;
        }
        const call = {to: to.value.trim()};
        if (from.value.trim()) call.from = from.value.trim();
        if (instructions.value.trim()) call.instructions = instructions.value.trim();
        if (profile.value && profile.value !== 'default') call.profile = profile.value;
        if (Object.keys(vars).length) call.variables = vars;
        submit.disabled = true;
        replace(result, h('p', {}, 'Placing the call…'));
        try {
            showPlaced(result, await api.placeCall(call), ctx);
        } catch (error) {
            showRefused(result, error, {to: toField, from: fromField, instructions: instructionsField,
                profile: profileField});
        } finally {
            submit.disabled = false;
        }
    });
}

function addVariable(container, name = '', value = '') {
    const index = container.children.length + 1;
    const nameInput = h('input', {type: 'text', name: 'var-name', value: name, autocomplete: 'off',
        'aria-label': `Variable ${index} name`});
    const valueInput = h('input', {type: 'text', name: 'var-value', value, autocomplete: 'off',
        'aria-label': `Variable ${index} value`});
    const row = h('div', {class: 'variable-row'}, nameInput, valueInput,
        h('button', {type: 'button', class: 'secondary', 'aria-label': `Remove variable ${index}`,
            onclick: () => row.remove()}, 'Remove'));
    container.append(row);
    nameInput.focus();
}

function readVariables(container, error) {
    const vars = {};
    let problem = null;
    for (const row of container.querySelectorAll('.variable-row')) {
        const [nameInput, valueInput] = row.querySelectorAll('input');
        const name = nameInput.value.trim();
        if (!name && !valueInput.value) continue;
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
            problem = `Variable name "${name}" must be letters, digits or _ (not starting with a digit).`;
            nameInput.setAttribute('aria-invalid', 'true');
        } else if (name in vars) {
            problem = `Variable "${name}" is given twice.`;
            nameInput.setAttribute('aria-invalid', 'true');
        } else {
            nameInput.removeAttribute('aria-invalid');
            vars[name] = valueInput.value;
        }
    }
    error.textContent = problem ?? '';
    error.hidden = !problem;
    return problem ? null : vars;
}

function showPlaced(result, call, ctx) {
    const sid = call.sid ?? call.callSid;
    replace(result, h('div', {class: 'notice success'},
        h('p', {}, `Call placed to ${maskNumber(call.to)}: ${call.status ?? 'queued'}`,
            call.mode === 'local' ? ' (local mode: the built-in dialer plays the phone, no real call)' : '', '.'),
        h('p', {}, h('a', {href: `#live/${encodeURIComponent(sid)}`, 'data-sid': sid}, 'Follow this call'))));
    ctx.calls.refreshSoon();
}

function showRefused(result, error, fields) {
    const blamed = fields[error.field];
    if (blamed) blamed.showError(error.message);
    replace(result, h('div', {class: 'notice error'},
        h('p', {}, error.status ? `The call was not placed (HTTP ${error.status}): ${error.message}`
            : `The call was not placed: ${error.message}`)));
}
