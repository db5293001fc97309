// The nodes of a call's conversation feed. Each node has update(item) so streaming deltas edit it in place.
import {h, replace} from '../dom.js';
import {formatClock, prettyJson} from '../format.js';

const RENDERERS = {speech, tool, interruption, latency, bargeIn, error};

export function renderFeedItem(item) {
    const node = (RENDERERS[item.kind] ?? error)(item);
    node.update ??= () => {};
    return node;
}

function speech(item) {
    const who = item.role === 'agent' ? 'Agent' : 'Caller';
    const text = h('p', {class: 'text'});
    const mark = h('p', {class: 'interrupted-mark'});
    const node = h('article', {class: `turn ${item.role}`, 'data-item': item.itemId},
        h('header', {}, h('span', {class: 'who'}, who), ' ', h('time', {datetime: item.at}, formatClock(item.at))),
        text, mark);
    node.update = current => {
        text.textContent = current.text || '…';
        node.classList.toggle('partial', !current.final);
        node.setAttribute('aria-busy', String(!current.final));
        mark.hidden = !current.interrupted;
        node.classList.toggle('interrupted', Boolean(current.interrupted));
        if (current.interrupted) {
            mark.textContent = `Interrupted by the caller${audioAt(current.interrupted.audioEndMs)}.`;
        }
    };
    node.update(item);
    return node;
}

function tool(item) {
    const body = h('div', {class: 'tool-body'});
    const title = h('summary', {});
    const node = h('details', {class: 'tool-call', open: true}, title, body);
    node.update = current => {
        const state = current.error ? 'failed' : current.resultAt ? 'answered' : 'running…';
        title.textContent = `Tool ${current.name ?? '?'} — ${state}`;
        replace(body,
            h('p', {class: 'label'}, 'Arguments'),
            h('pre', {class: 'json args'}, prettyJson(current.arguments ?? {})),
            current.resultAt ? h('p', {class: 'label'}, current.error ? 'Error' : 'Result') : null,
            current.resultAt ? h('pre', {class: `json ${current.error ? 'tool-error' : 'result'}`},
                current.error ? prettyJson(current.error) : prettyJson(current.output ?? null)) : null);
    };
    node.update(item);
    return node;
}

function interruption(item) {
    return h('p', {class: 'interruption', 'data-item': item.itemId ?? ''},
        h('span', {'aria-hidden': 'true'}, '⏸ '), `Caller interrupted the agent${audioAt(item.audioEndMs)}`,
        ' ', h('time', {datetime: item.at}, formatClock(item.at)));
}

function latency(item) {
    return h('p', {class: 'latency'}, `Turn latency ${item.turnLatencyMs} ms`);
}

function bargeIn(item) {
    return h('p', {class: 'latency barge-in'}, `Agent audio cleared ${item.bargeInMs} ms after the caller spoke`);
}

function error(item) {
    return h('p', {class: 'call-error'}, `Error: ${item.message ?? 'unknown'}`);
}

function audioAt(ms) {
    return typeof ms === 'number' ? ` after ${(ms / 1000).toFixed(1)} s of its audio` : '';
}
