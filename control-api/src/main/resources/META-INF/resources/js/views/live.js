// Live calls: calls in progress and recent ones, kept current by /logs; selecting one follows it.
import {h, replace} from '../dom.js';
import {formatDuration, isFinal, maskNumber, numberLabel, statusText} from '../format.js';
import {callDetail} from './call-detail.js';

export function liveView(main, sid, ctx) {
    const list = h('ul', {class: 'call-list', 'aria-label': 'Calls'});
    const state = h('p', {class: 'list-state', role: 'status'});
    const detail = h('div', {class: 'detail-pane'});
    replace(main, h('div', {class: 'split'},
        h('section', {class: 'list-pane', 'aria-labelledby': 'live-heading'},
            h('div', {class: 'pane-head'}, h('h1', {id: 'live-heading'}, 'Live calls'),
                h('a', {class: 'button', href: '#dialer'}, 'Place a call')),
            state, list),
        detail));

    function render() {
        const calls = ctx.calls.calls();
        const live = calls.filter(call => !isFinal(call.status) && !call.endedAt);
        const recent = calls.filter(call => isFinal(call.status) || call.endedAt).slice(0, 15);
        setText(state, ctx.calls.error ? `Could not list calls: ${ctx.calls.error.message}`
            : calls.length ? `${live.length} in progress, ${recent.length} recent.` : 'No calls yet.');
        const focusedSid = list.contains(document.activeElement) ? document.activeElement.dataset.sid : null;
        replace(list,
            live.length ? h('li', {class: 'group'}, h('h2', {}, 'In progress')) : null,
            live.map(call => callItem(call, sid)),
            recent.length ? h('li', {class: 'group'}, h('h2', {}, 'Recent')) : null,
            recent.map(call => callItem(call, sid)));
        if (focusedSid) list.querySelector(`a[data-sid="${CSS.escape(focusedSid)}"]`)?.focus();
    }

    ctx.calls.addEventListener('change', render);
    const ticker = setInterval(() => tickDurations(list, ctx.calls.calls()), 1000);
    render();
    let closeDetail = null;
    if (sid) closeDetail = callDetail(detail, sid, ctx);
    else replace(detail, h('p', {class: 'empty'}, 'Select a call to follow its conversation as it happens.'));
    return () => {
        clearInterval(ticker);
        ctx.calls.removeEventListener('change', render);
        closeDetail?.();
    };
}

function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
}

/** Advances the durations of calls in progress without rebuilding the list (keeps focus and screen readers calm). */
export function tickDurations(list, calls) {
    for (const call of calls) {
        if (call.endedAt || isFinal(call.status) || !call.startedAt) continue;
        const span = list.querySelector(`a[data-sid="${CSS.escape(call.sid)}"] .duration`);
        if (span) setText(span, formatDuration(Date.now() - Date.parse(call.startedAt)));
    }
}

/** One call as a link: status, direction, masked numbers, duration (ticking while live). */
export function callItem(call, selectedSid, base = '#live') {
    const duration = call.durationMs ?? (call.startedAt && !call.endedAt && !isFinal(call.status)
        ? Date.now() - Date.parse(call.startedAt) : null);
    const other = call.direction === 'inbound' ? call.from : call.to;
    return h('li', {class: 'call-item'},
        h('a', {href: `${base}/${encodeURIComponent(call.sid)}`,
            'aria-current': call.sid === selectedSid ? 'true' : null, 'data-sid': call.sid},
            h('span', {class: `badge status-${call.status}`}, statusText(call.status)),
            h('span', {class: 'direction'},
                call.direction === 'inbound' ? 'in' : call.direction === 'unknown' ? '' : 'out'),
            h('span', {class: 'number', 'aria-label': numberLabel(other)}, maskNumber(other)),
            h('span', {class: 'duration'}, formatDuration(duration)),
            call.mode === 'local' ? h('span', {class: 'mode'}, 'local') : null));
}
