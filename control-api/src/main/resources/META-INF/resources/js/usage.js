// Words for a call's usage as GET /api/calls/{sid} reports it (docs/api.md, "Usage"): tokens by kind, estimated cost.

const KINDS = [['inputText', 'input text'], ['inputAudio', 'input audio'], ['outputText', 'output text'],
    ['outputAudio', 'output audio']];
const CACHED = {inputText: 'cachedText', inputAudio: 'cachedAudio'};
const PARTS = {inputText: 'input text', inputAudio: 'input audio', cachedInput: 'cached input',
    outputText: 'output text', outputAudio: 'output audio', twilio: 'Twilio minutes'};

/** "input text 420 (192 cached) · input audio 120 (32 cached) · output text 50 · output audio 240 · 830 tokens in
 * all": input counts include their cached part, as the API reports them. */
export function tokensText(tokens) {
    if (!tokens || typeof tokens !== 'object') return '';
    const parts = KINDS.map(([kind, label]) => {
        const cached = CACHED[kind] ? tokens[CACHED[kind]] : 0;
        return `${label} ${count(tokens[kind])}${cached ? ` (${count(cached)} cached)` : ''}`;
    });
    const total = tokens.total ?? KINDS.reduce((sum, [kind]) => sum + (Number(tokens[kind]) || 0), 0);
    return [...parts, `${count(total)} tokens in all`].join(' · ');
}

/** "0.033978 USD (input text 0.000912, …, Twilio minutes 0.014)": the estimate from the price table. */
export function costText(cost) {
    if (!cost || typeof cost !== 'object' || cost.total === undefined) return '';
    const breakdown = Object.entries(cost.breakdown ?? {})
        .map(([part, value]) => `${PARTS[part] ?? part} ${value}`);
    return `${cost.total} ${cost.currency ?? ''}`.trim() + (breakdown.length ? ` (${breakdown.join(', ')})` : '');
}

function count(value) {
    const number = Number(value);
    return Number.isFinite(number) ? number.toLocaleString('en-US') : '0';
}
