// One call as the console knows it: the stored record from GET /api/calls/{sid} merged with live /logs events.
// Everything is applied as an event, so a stored call and a live one go through the same code.
import {isFinal, maskNumber} from './format.js';

/** Reads a call summary or record in the shapes control-api answers with. */
export function normalizeCall(raw) {
    const call = raw ?? {};
    const started = call.startedAt ?? call.answeredAt ?? call.createdAt ?? null;
    const ended = call.endedAt ?? call.completedAt ?? null;
    let durationMs = call.durationMs ?? (call.duration != null ? call.duration * 1000 : null);
    if (durationMs == null && started && ended) durationMs = Date.parse(ended) - Date.parse(started);
    return {
        sid: call.sid ?? call.callSid,
        status: call.status ?? 'unknown',
        direction: call.direction ?? 'unknown',
        from: call.from ?? null,
        to: call.to ?? null,
        mode: call.mode ?? null,
        createdAt: call.createdAt ?? started,
        startedAt: started,
        endedAt: ended,
        durationMs,
    };
}

/** The page of calls in a GET /api/calls answer, whatever envelope it comes in. */
export function callsOf(page) {
    const items = Array.isArray(page) ? page : page?.items ?? page?.calls ?? page?.content ?? page?.data ?? [];
    return items.map(normalizeCall);
}

export class CallModel extends EventTarget {
    #seen = new Set();
    #anonymous = 0;

    constructor(sid) {
        super();
        this.summary = normalizeCall({sid});
        this.record = null;
        this.feed = [];           // transcript entries, tool calls, interruptions, latencies and barge-ins in order
        this.entries = new Map(); // itemId → transcript entry
        this.tools = new Map();   // callId → tool call
        this.timeline = [];
        this.latencies = [];      // each turn: caller stops speaking → first agent audio (call.metrics turnLatencyMs)
        this.bargeIns = [];       // each barge-in: caller starts speaking → agent audio cleared (bargeInMs)
        this.firstAudioMs = null; // the /twiml answer or stream start → the agent's first audio
        this.endReason = null;
    }

    get live() {
        return !isFinal(this.summary.status) && !this.summary.endedAt;
    }

    /** Takes in the stored record; live events that already arrived are kept, duplicates are skipped. */
    load(record) {
        this.record = record;
        const stored = definedOnly(normalizeCall(record));
        // A record read while its final status report is still on the way must not bring an ended call back.
        if (isFinal(this.summary.status) && !isFinal(stored.status)) delete stored.status;
        this.summary = {...this.summary, ...stored};
        for (const envelope of storedEvents(record)) this.apply(envelope, {quiet: true});
        this.#storedTimings(record?.usage);
        this.changed();
    }

    /** Applies one /logs envelope; returns false for a duplicate (a replay after a reconnect). */
    apply(envelope, {quiet = false} = {}) {
        const data = envelope.data ?? {};
        const key = `${envelope.type}|${envelope.at}|${JSON.stringify(data)}`;
        if (this.#seen.has(key)) return false;
        this.#seen.add(key);
        const handler = HANDLERS[envelope.type];
        if (!handler) return false;
        handler(this, data, envelope.at ?? new Date().toISOString());
        if (!quiet) this.changed();
        return true;
    }

    changed() {
        this.dispatchEvent(new Event('change'));
    }

    transcript(role, data, at) {
        const final = data.final !== false;
        let entry = data.itemId ? this.entries.get(data.itemId) : this.#openEntry(role);
        if (!entry) {
            const itemId = data.itemId ?? `${role}-${++this.#anonymous}`;
            entry = {kind: 'speech', role, itemId, text: '', final: false, at, interrupted: null};
            this.entries.set(itemId, entry);
            this.feed.push(entry);
        }
        if (entry.final && !final) return;
        entry.text = final ? data.text ?? entry.text : entry.text + (data.text ?? '');
        entry.final = final;
    }

    /**
     * A stored call's speech timings: the merged call.metrics data carries the call's lists (the latest 100), which
     * outnumber what this page saw live when it opened mid-call.
     */
    #storedTimings(usage) {
        if (!usage) return;
        if (typeof usage.firstAudioMs === 'number') this.firstAudioMs ??= usage.firstAudioMs;
        const turns = numbers(usage.turnLatenciesMs);
        if (turns.length > this.latencies.length) {
            this.latencies = turns.map(ms => ({kind: 'latency', turnLatencyMs: ms}));
        }
        const bargeIns = numbers(usage.bargeInsMs);
        if (bargeIns.length > this.bargeIns.length) {
            this.bargeIns = bargeIns.map(ms => ({kind: 'bargeIn', bargeInMs: ms}));
        }
    }

    #openEntry(role) {
        const last = [...this.entries.values()].reverse().find(entry => entry.role === role);
        return last && !last.final ? last : null;
    }

    addTimeline(at, label, kind = 'event') {
        // The stored record and the live stream stamp the same step with different precision.
        const when = instant(at);
        if (this.timeline.some(step => step.label === label && Math.abs(instant(step.at) - when) < 1500)) return;
        this.timeline.push({at, label, kind});
        this.timeline.sort(byTime);
    }
}

const HANDLERS = {
    'call.started'(call, data, at) {
        call.summary.direction = data.direction ?? call.summary.direction;
        call.summary.from = data.from ?? call.summary.from;
        call.summary.to = data.to ?? call.summary.to;
        call.summary.startedAt ??= at;
        if (!isFinal(call.summary.status)) call.summary.status = 'in-progress';
        call.addTimeline(at, 'media stream started', 'status');
    },
    'call.status'(call, data, at) {
        if (!data.status) return;
        if (!isFinal(call.summary.status) || isFinal(data.status)) call.summary.status = data.status;
        const by = data.source && data.source !== 'twilio' ? ` (reported by ${data.source})` : '';
        call.addTimeline(at, `${data.status}${by}`, 'status');
    },
    'call.ended'(call, data, at) {
        call.summary.endedAt ??= at;
        call.summary.durationMs = data.durationMs ?? call.summary.durationMs;
        // A transferred call goes on, bridged by the carrier: its final status comes from Twilio's report.
        if (!isFinal(call.summary.status) && data.reason !== 'transferred') {
            call.summary.status = data.status ?? 'completed';
        }
        call.endReason = data.reason ?? call.endReason;
        call.addTimeline(at, `ended${data.reason ? `: ${data.reason}` : ''}`, 'status');
    },
    'transcript.caller': (call, data, at) => call.transcript('caller', data, at),
    'transcript.agent': (call, data, at) => call.transcript('agent', data, at),
    'tool.called'(call, data, at) {
        const id = data.callId ?? `${data.name}-${at}`;
        const tool = call.tools.get(id) ?? {kind: 'tool', callId: id, at};
        Object.assign(tool, {name: data.name, arguments: data.arguments});
        if (!call.tools.has(id)) {
            call.tools.set(id, tool);
            call.feed.push(tool);
        }
        call.addTimeline(at, `tool ${data.name} called`);
    },
    'tool.result'(call, data, at) {
        let tool = call.tools.get(data.callId);
        if (!tool) {
            tool = {kind: 'tool', callId: data.callId, name: data.name, at};
            call.tools.set(data.callId, tool);
            call.feed.push(tool);
        }
        Object.assign(tool, {output: data.output, error: data.error ?? null, resultAt: at});
        call.addTimeline(at, `tool ${tool.name ?? data.name} ${data.error ? 'failed' : 'answered'}`);
    },
    'call.interrupted'(call, data, at) {
        const entry = data.itemId ? call.entries.get(data.itemId) : null;
        if (entry) entry.interrupted = {at, audioEndMs: data.audioEndMs};
        call.feed.push({kind: 'interruption', at, audioEndMs: data.audioEndMs, itemId: data.itemId});
        call.addTimeline(at, 'caller interrupted the agent');
    },
    // Each event carries its own timing (a turn or a barge-in, or neither for the first audio) and the call's so far.
    'call.metrics'(call, data, at) {
        if (typeof data.firstAudioMs === 'number') call.firstAudioMs = data.firstAudioMs;
        if (typeof data.turnLatencyMs === 'number') {
            const metric = {kind: 'latency', at, turnLatencyMs: data.turnLatencyMs};
            call.latencies.push(metric);
            call.feed.push(metric);
        }
        if (typeof data.bargeInMs === 'number') {
            const reaction = {kind: 'bargeIn', at, bargeInMs: data.bargeInMs};
            call.bargeIns.push(reaction);
            call.feed.push(reaction);
        }
    },
    'call.transferred'(call, data, at) {
        const by = data.requestedBy === 'agent' ? 'by the agent' : 'by an operator';
        call.addTimeline(at, `transferred to ${maskNumber(data.target)} ${by}`, 'status');
    },
    'call.error'(call, data, at) {
        call.feed.push({kind: 'error', at, message: data.message ?? 'error'});
        call.addTimeline(at, `error: ${data.message ?? 'unknown'}`, 'error');
    },
};

/** The stored record as envelopes: raw events when the server keeps them, else its transcript and tool lists. */
function storedEvents(record) {
    if (!record) return [];
    if (Array.isArray(record.events)) return record.events;
    const sid = record.sid ?? record.callSid;
    const events = [];
    for (const step of record.timeline ?? record.statusTimeline ?? []) {
        events.push({type: 'call.status', callSid: sid, at: step.at, data: {status: step.status, source: step.source}});
    }
    for (const line of record.transcript ?? []) {
        const role = line.speaker ?? line.role ?? line.side;
        events.push({
            type: role === 'agent' ? 'transcript.agent' : 'transcript.caller', callSid: sid, at: line.at,
            data: {text: line.text, final: true, itemId: line.itemId},
        });
    }
    for (const tool of record.toolCalls ?? record.tools ?? []) {
        events.push({type: 'tool.called', callSid: sid, at: tool.calledAt ?? tool.at,
            data: {name: tool.name, callId: tool.callId, arguments: tool.arguments}});
        if (tool.output !== undefined || tool.error) {
            events.push({type: 'tool.result', callSid: sid, at: tool.resultAt ?? tool.at,
                data: {name: tool.name, callId: tool.callId, output: tool.output, error: tool.error}});
        }
    }
    for (const turn of record.interruptions ?? []) {
        events.push({type: 'call.interrupted', callSid: sid, at: turn.at, data: turn});
    }
    for (const transfer of record.transfers ?? []) {
        events.push({type: 'call.transferred', callSid: sid, at: transfer.at, data: transfer});
    }
    for (const metric of record.metrics ?? []) {
        events.push({type: 'call.metrics', callSid: sid, at: metric.at, data: metric});
    }
    return events.sort(byTime);
}

/** Orders by instant: ISO strings with and without fractions do not sort as text. */
function byTime(a, b) {
    return instant(a.at) - instant(b.at);
}

function instant(iso) {
    return Date.parse(iso ?? '') || 0;
}

function numbers(list) {
    return Array.isArray(list) ? list.filter(value => typeof value === 'number') : [];
}

function definedOnly(object) {
    return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined
        && value !== 'unknown'));
}
