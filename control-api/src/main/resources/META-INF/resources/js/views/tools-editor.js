// Tools in the config editor: built-in tools are toggled; webhook tools are edited in full, their JSON-schema
// parameters checked as they are typed.
import {field, h, nextId, replace} from '../dom.js';
import {checkParametersText} from '../schema-check.js';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TIMEOUT_MS = 30_000;
const EXAMPLE_SCHEMA = {
    type: 'object',
    properties: {orderId: {type: 'string', description: 'The order number the caller gives'}},
    required: ['orderId'],
};

export function buildToolsEditor(tools) {
    const builtins = tools.filter(tool => tool.kind !== 'webhook');
    const list = h('div', {class: 'webhooks'});
    const editors = [];
    const toggles = builtins.map(tool => {
        const input = h('input', {type: 'checkbox', id: nextId('builtin'), checked: tool.enabled !== false,
            'data-tool': tool.name});
        return {tool, input, node: h('div', {class: 'check builtin'}, input,
            h('label', {for: input.id}, h('code', {}, tool.name), tool.description ? ` — ${tool.description}` : ''))};
    });
    const add = () => {
        const editor = webhookEditor({kind: 'webhook', name: '', description: '', url: '', timeoutMs: 5000,
            enabled: true, parameters: EXAMPLE_SCHEMA}, editors.length + 1, remove);
        editors.push(editor);
        list.append(editor.node);
        editor.focus();
    };
    const remove = editor => {
        editors.splice(editors.indexOf(editor), 1);
        editor.node.remove();
    };
    for (const tool of tools.filter(t => t.kind === 'webhook')) {
        const editor = webhookEditor(tool, editors.length + 1, remove);
        editors.push(editor);
        list.append(editor.node);
    }
    const element = h('fieldset', {class: 'tools'}, h('legend', {}, 'Tools'),
        h('h2', {class: 'sub'}, 'Built-in'),
        toggles.length ? toggles.map(t => t.node) : h('p', {class: 'hint'}, 'This server offers no built-in tools.'),
        h('h2', {class: 'sub'}, 'Webhooks'),
        h('p', {class: 'hint'}, 'The agent calls these by POSTing the arguments as JSON to the URL.'),
        list,
        h('button', {type: 'button', class: 'secondary', onclick: add}, 'Add webhook tool'));

    return {
        element,
        read: () => [...toggles.map(t => ({...t.tool, enabled: t.input.checked})), ...editors.map(e => e.read())],
        problems() {
            const problems = editors.flatMap(editor => editor.problems());
            const names = new Map();
            for (const tool of [...builtins, ...editors.map(e => e.read())]) {
                names.set(tool.name, (names.get(tool.name) ?? 0) + 1);
            }
            for (const editor of editors) {
                const name = editor.read().name;
                if (name && names.get(name) > 1) problems.push(editor.blame('name', `Two tools are named ${name}.`));
            }
            return problems;
        },
    };
}

function webhookEditor(tool, index, remove) {
    const inputs = {
        name: h('input', {type: 'text', value: tool.name ?? '', autocomplete: 'off', spellcheck: 'false'}),
        description: h('textarea', {rows: 2, value: tool.description ?? ''}),
        url: h('input', {type: 'url', value: tool.url ?? '', autocomplete: 'off', placeholder: 'https://'}),
        timeoutMs: h('input', {type: 'number', min: 100, max: MAX_TIMEOUT_MS, step: 100,
            value: tool.timeoutMs ?? 5000}),
        parameters: h('textarea', {rows: 10, class: 'code', spellcheck: 'false',
            value: JSON.stringify(tool.parameters ?? {type: 'object', properties: {}}, null, 2)}),
        enabled: h('input', {type: 'checkbox', id: nextId('enabled'), checked: tool.enabled !== false}),
    };
    const fields = {
        name: field('Name', inputs.name, 'Letters, digits, _ or -; the model calls the tool by this name.'),
        description: field('Description', inputs.description, 'Tells the model when to use the tool.'),
        url: field('Webhook URL', inputs.url),
        timeoutMs: field('Timeout (ms)', inputs.timeoutMs, `100 to ${MAX_TIMEOUT_MS}.`),
        parameters: field('Parameters (JSON Schema)', inputs.parameters,
            'The arguments the model sends, as a JSON Schema with "type": "object".'),
    };
    const schemaState = h('div', {class: 'schema-state', 'aria-live': 'polite'});
    const legend = h('legend', {}, `Webhook ${index}${tool.name ? `: ${tool.name}` : ''}`);
    const editor = {};
    editor.node = h('fieldset', {class: 'webhook'}, legend,
        fields.name, fields.description, fields.url, fields.timeoutMs,
        h('div', {class: 'check'}, inputs.enabled, h('label', {for: inputs.enabled.id}, 'Enabled')),
        fields.parameters, schemaState,
        h('button', {type: 'button', class: 'danger', onclick: () => remove(editor)}, `Remove webhook ${index}`));

    const showSchema = () => {
        const {errors} = checkParametersText(inputs.parameters.value);
        replace(schemaState, errors.length
            ? h('ul', {class: 'schema-errors'}, errors.map(e => h('li', {}, e.path ? h('code', {}, e.path) : null,
                e.path ? ' ' : null, e.message)))
            : h('p', {class: 'schema-ok'}, 'Schema is valid.'));
        return errors;
    };
    inputs.parameters.addEventListener('input', showSchema);
    inputs.name.addEventListener('input', () => {
        legend.textContent = `Webhook ${index}${inputs.name.value ? `: ${inputs.name.value}` : ''}`;
    });
    showSchema();

    editor.focus = () => inputs.name.focus();
    editor.blame = (key, message) => {
        fields[key].showError(message);
        return {id: inputs[key].id, message: `Webhook ${index}: ${message}`};
    };
    editor.read = () => ({
        ...tool,
        kind: 'webhook',
        name: inputs.name.value.trim(),
        description: inputs.description.value.trim(),
        url: inputs.url.value.trim(),
        timeoutMs: inputs.timeoutMs.value === '' ? null : Number(inputs.timeoutMs.value),
        enabled: inputs.enabled.checked,
        parameters: checkParametersText(inputs.parameters.value).schema ?? tool.parameters,
    });
    editor.problems = () => {
        Object.values(fields).forEach(f => f.showError(null));
        const problems = [];
        const value = editor.read();
        if (!NAME.test(value.name)) problems.push(editor.blame('name', 'Name must be 1–64 letters, digits, _ or -.'));
        if (!value.description) problems.push(editor.blame('description', 'Describe when the model should use it.'));
        if (!isHttpUrl(value.url)) {
            problems.push(editor.blame('url', 'URL must be an absolute http:// or https:// URL.'));
        }
        if (!(Number.isInteger(value.timeoutMs) && value.timeoutMs >= 100 && value.timeoutMs <= MAX_TIMEOUT_MS)) {
            problems.push(editor.blame('timeoutMs',
                `Timeout must be a whole number of ms from 100 to ${MAX_TIMEOUT_MS}.`));
        }
        const schemaErrors = showSchema();
        if (schemaErrors.length) {
            problems.push(editor.blame('parameters', `Parameters schema: ${schemaErrors[0].path || 'root'} — ${
                schemaErrors[0].message}${schemaErrors.length > 1 ? ` (and ${schemaErrors.length - 1} more)` : ''}`));
        }
        return problems;
    };
    return editor;
}

function isHttpUrl(text) {
    try {
        const url = new URL(text);
        return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.host);
    } catch {
        return false;
    }
}
