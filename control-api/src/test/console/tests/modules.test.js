// The console's pure modules (no DOM): number checks and masking, the schema checker, the call model.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {e164Problem, formatDuration, isE164, maskNumber} from '../../../main/resources/META-INF/resources/js/format.js';
import {checkParameters, checkParametersText} from '../../../main/resources/META-INF/resources/js/schema-check.js';
import {CallModel, callsOf} from '../../../main/resources/META-INF/resources/js/call-model.js';
import {costText, tokensText} from '../../../main/resources/META-INF/resources/js/usage.js';

describe('numbers', () => {
    it('accepts E.164 numbers as control-api does and explains the rest', () => {
        assert.ok(isE164('+14155550123'));
        assert.ok(isE164('+4930123456'));
        for (const bad of ['14155550123', '+0415555', '+1 415 555 0123', '+123', '+1415555012345678', '+1415abc']) {
            assert.ok(!isE164(bad), bad);
            assert.ok(e164Problem(bad), bad);
        }
        assert.match(e164Problem('+1 415 555 0123'), /spaces/);
        assert.match(e164Problem('004930123456'), /Start with \+/);
        assert.equal(e164Problem('+14155550123'), null);
    });

    it('masks all but the last four digits', () => {
        assert.equal(maskNumber('+14155550123'), '+•••••••0123');
        assert.ok(!maskNumber('+4930123456').includes('30123'));
        assert.equal(maskNumber(null), '—');
    });

    it('formats durations', () => {
        assert.equal(formatDuration(65_400), '1:05');
        assert.equal(formatDuration(3_725_000), '1:02:05');
        assert.equal(formatDuration(null), '—');
    });
});

describe('webhook parameters schema', () => {
    it('accepts a well-formed object schema', () => {
        assert.deepEqual(checkParameters({type: 'object', properties: {
            orderId: {type: 'string', description: 'order', pattern: '^[0-9]+$'},
            items: {type: 'array', items: {type: 'integer', minimum: 1}},
            mode: {enum: ['fast', 'slow']},
        }, required: ['orderId'], additionalProperties: false}), []);
    });

    it('names the path of each mistake', () => {
        const errors = checkParameters({type: 'object', properties: {id: {type: 'strin'}, n: {type: 'number',
            minimum: 5, maximum: 1}, re: {type: 'string', pattern: '(['}}, required: ['id', 'missing'], requried: []});
        const paths = errors.map(e => e.path);
        assert.ok(paths.includes('/properties/id/type'), paths.join());
        assert.ok(paths.includes('/properties/n/minimum'), paths.join());
        assert.ok(paths.includes('/properties/re/pattern'), paths.join());
        assert.ok(paths.includes('/required'), paths.join());
        assert.ok(paths.includes('/requried'), paths.join());
        assert.ok(errors.some(e => e.message.includes('"missing" is required but not defined')));
    });

    it('requires an object at the root and valid JSON', () => {
        assert.equal(checkParameters({type: 'string'})[0].path, '/type');
        assert.equal(checkParameters([]).length, 1);
        assert.match(checkParametersText('{"type": "object",}').errors[0].message, /Not valid JSON/);
    });

    it('resolves local $refs and rejects dangling ones', () => {
        const schema = {type: 'object', $defs: {id: {type: 'string'}}, properties: {a: {$ref: '#/$defs/id'}}};
        assert.deepEqual(checkParameters(schema), []);
        schema.properties.b = {$ref: '#/$defs/nope'};
        assert.equal(checkParameters(schema)[0].path, '/properties/b/$ref');
    });
});

describe('call model', () => {
    const sid = 'CA0123';
    const at = second => `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z`;
    const event = (type, second, data) => ({type, callSid: sid, at: at(second), data});

    it('assembles streamed deltas and lets the final text win', () => {
        const call = new CallModel(sid);
        call.apply(event('transcript.agent', 1, {itemId: 'i1', text: 'Hel', final: false}));
        call.apply(event('transcript.agent', 2, {itemId: 'i1', text: 'lo', final: false}));
        assert.equal(call.entries.get('i1').text, 'Hello');
        assert.equal(call.entries.get('i1').final, false);
        call.apply(event('transcript.agent', 3, {itemId: 'i1', text: 'Hello there.', final: true}));
        call.apply(event('transcript.agent', 4, {itemId: 'i1', text: ' late', final: false}));
        assert.equal(call.entries.get('i1').text, 'Hello there.');
    });

    it('ignores the replay a reconnect brings', () => {
        const call = new CallModel(sid);
        const delta = event('transcript.caller', 1, {itemId: 'c1', text: 'Hi', final: false});
        assert.equal(call.apply(delta), true);
        assert.equal(call.apply(structuredClone(delta)), false);
        assert.equal(call.entries.get('c1').text, 'Hi');
    });

    it('marks interruptions, pairs tool calls with results and records latency', () => {
        const call = new CallModel(sid);
        call.apply(event('call.started', 0, {direction: 'outbound-api', from: '+15550001111', to: '+15550002222'}));
        call.apply(event('transcript.agent', 1, {itemId: 'a1', text: 'Let me', final: false}));
        call.apply(event('call.interrupted', 2, {itemId: 'a1', audioEndMs: 1200}));
        call.apply(event('tool.called', 3, {name: 'lookup', callId: 't1', arguments: '{"id":"7"}'}));
        call.apply(event('tool.result', 4, {name: 'lookup', callId: 't1', output: '{"ok":true}'}));
        call.apply(event('call.metrics', 5, {turnLatencyMs: 640}));
        call.apply(event('call.ended', 6, {reason: 'agent-hangup', durationMs: 6000}));
        assert.equal(call.entries.get('a1').interrupted.audioEndMs, 1200);
        assert.deepEqual(call.feed.map(item => item.kind), ['speech', 'interruption', 'tool', 'latency']);
        assert.deepEqual(call.latencies.map(l => l.turnLatencyMs), [640]);
        assert.equal(call.tools.get('t1').output, '{"ok":true}');
        assert.equal(call.summary.status, 'completed');
        assert.equal(call.summary.durationMs, 6000);
        assert.equal(call.live, false);
    });

    it('keeps the first audio, each turn latency and each barge-in reaction the gateway measured', () => {
        const call = new CallModel(sid);
        call.apply(event('call.metrics', 1, {firstAudioMs: 910, turnLatenciesMs: [], bargeInsMs: []}));
        call.apply(event('call.metrics', 2, {turnLatencyMs: 640, firstAudioMs: 910, turnLatenciesMs: [640],
            bargeInsMs: []}));
        call.apply(event('call.metrics', 3, {bargeInMs: 4, firstAudioMs: 910, turnLatenciesMs: [640],
            bargeInsMs: [4]}));
        assert.equal(call.firstAudioMs, 910);
        assert.deepEqual(call.latencies.map(l => l.turnLatencyMs), [640]);
        assert.deepEqual(call.bargeIns.map(b => b.bargeInMs), [4]);
        assert.deepEqual(call.feed.map(item => item.kind), ['latency', 'bargeIn']);
    });

    it('reads a stored call\'s timings from its usage', () => {
        const call = new CallModel(sid);
        call.apply(event('call.metrics', 2, {turnLatencyMs: 700}));
        call.load({sid, status: 'completed', usage: {turnLatencyMs: 700, firstAudioMs: 820,
            turnLatenciesMs: [650, 700], bargeInsMs: [3, 5]}});
        assert.equal(call.firstAudioMs, 820);
        assert.deepEqual(call.latencies.map(l => l.turnLatencyMs), [650, 700]);
        assert.deepEqual(call.bargeIns.map(b => b.bargeInMs), [3, 5]);
    });

    it('merges the stored record with live events without doubling lines', () => {
        const call = new CallModel(sid);
        call.apply(event('transcript.caller', 1, {itemId: 'c1', text: 'Where is my order?', final: true}));
        call.load({sid, status: 'completed', direction: 'inbound', from: '+15550001111', to: '+15550002222',
            transcript: [{speaker: 'caller', itemId: 'c1', text: 'Where is my order?', at: at(1)},
                {speaker: 'agent', itemId: 'a1', text: 'It ships today.', at: at(2)}],
            toolCalls: [{callId: 't1', name: 'lookup', arguments: '{}', output: '"x"', calledAt: at(3),
                resultAt: at(4)}],
            timeline: [{status: 'ringing', at: at(0)}, {status: 'completed', at: at(5)}]});
        assert.deepEqual([...call.entries.values()].map(e => `${e.role}:${e.text}`),
            ['caller:Where is my order?', 'agent:It ships today.']);
        assert.equal(call.tools.size, 1);
        assert.equal(call.summary.status, 'completed');
        assert.deepEqual(call.timeline.filter(step => step.kind === 'status').map(step => step.label),
            ['ringing', 'completed']);
    });

    it('keeps an ended call ended when a stored record still says in progress', () => {
        const call = new CallModel(sid);
        call.apply(event('call.ended', 9, {reason: 'agent-hangup', durationMs: 9000}));
        call.load({sid, status: 'in-progress', timeline: [{status: 'in-progress', at: at(1)}]});
        assert.equal(call.summary.status, 'completed');
        assert.equal(call.live, false);
    });

    it('keeps a transferred call in progress until the carrier reports it finished', () => {
        const call = new CallModel(sid);
        call.apply(event('call.started', 0, {direction: 'inbound', from: '+15550001111', to: '+15550002222'}));
        call.apply(event('call.transferred', 1,
            {target: '+15005550009', reason: 'wants a person', requestedBy: 'agent'}));
        call.apply(event('call.ended', 2, {reason: 'transferred', durationMs: 2000}));
        assert.equal(call.summary.status, 'in-progress');
        assert.equal(call.endReason, 'transferred');
        const step = call.timeline.find(s => s.label.startsWith('transferred to'));
        assert.equal(step.label, 'transferred to +•••••••0009 by the agent');
        call.load({sid, status: 'completed', transfers: [{target: '+15005550009', requestedBy: 'agent', at: at(1)}],
            timeline: [{status: 'completed', at: at(9)}]});
        assert.equal(call.summary.status, 'completed');
        assert.equal(call.timeline.filter(s => s.label.startsWith('transferred to')).length, 1);
    });

    it('reads pages in the API envelope', () => {
        const calls = callsOf({items: [{sid: 'CA1', status: 'completed', durationMs: 1000}], page: 0, size: 20,
            total: 1});
        assert.equal(calls[0].sid, 'CA1');
        assert.equal(calls[0].durationMs, 1000);
    });
});

describe('usage', () => {
    // The worked example of docs/api.md ("Usage").
    const usage = {tokens: {inputText: 420, inputAudio: 120, cachedText: 192, cachedAudio: 32, outputText: 50,
        outputAudio: 240, total: 830},
    estimatedCost: {currency: 'USD', total: 0.033978, breakdown: {inputText: 0.000912, inputAudio: 0.002816,
        cachedInput: 0.00009, outputText: 0.0008, outputAudio: 0.01536, twilio: 0.014}}};

    it('words the tokens by kind with their cached part', () => {
        assert.equal(tokensText(usage.tokens), 'input text 420 (192 cached) · input audio 120 (32 cached) · '
            + 'output text 50 · output audio 240 · 830 tokens in all');
        assert.equal(tokensText({inputText: 1200, outputAudio: 3}), 'input text 1,200 · input audio 0 · '
            + 'output text 0 · output audio 3 · 1,203 tokens in all');
        assert.equal(tokensText(null), '');
    });

    it('words the estimated cost with its breakdown', () => {
        assert.equal(costText(usage.estimatedCost), '0.033978 USD (input text 0.000912, input audio 0.002816, '
            + 'cached input 0.00009, output text 0.0008, output audio 0.01536, Twilio minutes 0.014)');
        assert.equal(costText({currency: 'EUR', total: 0}), '0 EUR');
        assert.equal(costText(undefined), '');
    });
});
