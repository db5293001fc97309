// The agent config as a form: read() gives back the config to save plus the problems that block saving.
import {field, h, nextId} from '../dom.js';
import {buildToolsEditor} from './tools-editor.js';

const VOICES = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'marin', 'sage', 'shimmer', 'verse'];
const TURN_TYPES = ['server_vad', 'semantic_vad'];

/** Builds the form for config; onDirty runs on the first edit after a load or save. */
export function buildConfigForm(config, onDirty) {
    let base = structuredClone(config);
    const td = config.turnDetection ?? {};
    const tr = config.transcription ?? {};
    const inputs = {
        instructions: h('textarea', {name: 'instructions', rows: 8, value: config.instructions ?? ''}),
        voice: select('voice', VOICES, config.voice),
        greeting: h('textarea', {name: 'greeting', rows: 2, value: config.greeting ?? ''}),
        type: select('turn-type', TURN_TYPES, td.type ?? 'server_vad'),
        threshold: number('threshold', td.threshold, {min: 0, max: 1, step: 0.05}),
        prefixPaddingMs: number('prefix-padding', td.prefixPaddingMs, {min: 0, max: 5000, step: 10}),
        silenceDurationMs: number('silence-duration', td.silenceDurationMs, {min: 0, max: 10000, step: 10}),
        createResponse: h('input', {type: 'checkbox', name: 'create-response', checked: td.createResponse ?? true}),
        interruptResponse: h('input', {type: 'checkbox', name: 'interrupt-response',
            checked: td.interruptResponse ?? true}),
        model: h('input', {type: 'text', name: 'transcription-model', value: tr.model ?? '', autocomplete: 'off'}),
        language: h('input', {type: 'text', name: 'transcription-language', value: tr.language ?? '',
            autocomplete: 'off', maxlength: 2}),
    };
    const fields = {
        instructions: field('Instructions', inputs.instructions, 'What the agent is for and how it should speak.'),
        voice: field('Voice', inputs.voice),
        greeting: field('Greeting', inputs.greeting, 'Said first when a call connects; empty to wait for the caller.'),
        type: field('Type', inputs.type, 'Server VAD uses the threshold and timings below; semantic VAD ignores them.'),
        threshold: field('Threshold (0–1)', inputs.threshold, 'Higher needs louder speech to count as a turn.'),
        prefixPaddingMs: field('Prefix padding (ms)', inputs.prefixPaddingMs),
        silenceDurationMs: field('Silence before the turn ends (ms)', inputs.silenceDurationMs),
        model: field('Transcription model', inputs.model, 'For example gpt-4o-transcribe or whisper-1.'),
        language: field('Language', inputs.language, 'ISO-639-1 code such as en or de; empty to detect.'),
    };
    const tools = buildToolsEditor(config.tools ?? []);
    const element = h('form', {class: 'config-form', novalidate: true},
        h('fieldset', {}, h('legend', {}, 'Agent'), fields.instructions, fields.voice, fields.greeting),
        h('fieldset', {}, h('legend', {}, 'Turn detection'), fields.type, fields.threshold, fields.prefixPaddingMs,
            fields.silenceDurationMs, checkbox(inputs.createResponse, 'Answer automatically when a turn ends'),
            checkbox(inputs.interruptResponse, 'Let the caller interrupt (barge-in)')),
        h('fieldset', {}, h('legend', {}, 'Transcription'), fields.model, fields.language),
        tools.element);

    let dirty = false;
    element.addEventListener('input', () => {
        if (!dirty) onDirty();
        dirty = true;
    });

    function read() {
        const problems = [];
        const blame = (key, message) => {
            fields[key].showError(message);
            problems.push({id: inputs[key].id, message});
        };
        Object.values(fields).forEach(f => f.showError(null));
        const num = key => inputs[key].value === '' ? null : Number(inputs[key].value);
        const threshold = num('threshold');
        if (threshold !== null && !(threshold >= 0 && threshold <= 1)) {
            blame('threshold', 'Threshold must be between 0 and 1.');
        }
        for (const [key, max] of [['prefixPaddingMs', 5000], ['silenceDurationMs', 10000]]) {
            const value = num(key);
            if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= max)) {
                const label = fields[key].querySelector('label').textContent;
                blame(key, `${label} must be a whole number from 0 to ${max}.`);
            }
        }
        const language = inputs.language.value.trim();
        if (language && !/^[a-z]{2}$/.test(language)) {
            blame('language', 'Language must be a two-letter code such as en or de.');
        }
        if (!inputs.model.value.trim()) blame('model', 'Name the transcription model, e.g. whisper-1.');
        if (!inputs.instructions.value.trim()) blame('instructions', 'Instructions must not be empty.');
        problems.push(...tools.problems());
        const config = {
            ...base,
            instructions: inputs.instructions.value,
            voice: inputs.voice.value,
            greeting: inputs.greeting.value,
            turnDetection: {...(base.turnDetection ?? {}), type: inputs.type.value, threshold,
                prefixPaddingMs: num('prefixPaddingMs'), silenceDurationMs: num('silenceDurationMs'),
                createResponse: inputs.createResponse.checked, interruptResponse: inputs.interruptResponse.checked},
            transcription: {...(base.transcription ?? {}), model: inputs.model.value.trim() || null,
                language: language || null},
            tools: tools.read(),
        };
        return {config, problems};
    }

    return {
        element,
        read,
        markSaved(saved) {
            base = structuredClone(saved);
            dirty = false;
        },
    };
}

function select(name, options, current) {
    const values = current && !options.includes(current) ? [current, ...options] : options;
    return h('select', {name}, values.map(value => h('option', {value, selected: value === current}, value)));
}

function number(name, value, {min, max, step}) {
    return h('input', {type: 'number', name, min, max, step, value: value ?? '', inputmode: 'decimal'});
}

function checkbox(input, text) {
    input.id = nextId('check');
    return h('div', {class: 'check'}, input, h('label', {for: input.id}, text));
}
