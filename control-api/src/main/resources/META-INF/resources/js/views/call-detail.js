// One call: summary (with its token usage and estimated cost), live conversation (both sides, interruptions, tool
// calls, turn latency), speech timings, its recording, hang-up and transfer while it is live, export as JSON. Used
// by the live view and by history.
import {api} from '../api.js';
import {field, h, replace} from '../dom.js';
import {formatClock, formatDuration, formatTime, maskNumber, numberLabel, statusText} from '../format.js';
import {costText, tokensText} from '../usage.js';
import {renderFeedItem} from './feed.js';
import {recordingPlayer} from './recording.js';

/** Renders call sid into container and keeps it current; returns the cleanup function. */
export function callDetail(container, sid, ctx) {
    const model = ctx.calls.model(sid);
    const nodes = new Map();
    const heading = h('h2', {id: 'call-heading', tabindex: '-1'}, 'Call');
    const summary = h('dl', {class: 'summary'});
    const controls = h('div', {class: 'call-controls'});
    const controlResult = h('p', {class: 'control-result', role: 'status'});
    const feed = h('div', {class: 'feed', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite',
        'aria-relevant': 'additions'});
    const empty = h('p', {class: 'empty'}, 'No conversation yet.');
    const latency = h('p', {class: 'latency-summary'});
    const timeline = h('ol', {class: 'timeline'});
    const recording = recordingPlayer(sid);
    const loadState = h('p', {class: 'load-state', role: 'status'}, 'Loading call…');
    const exportButton = h('button', {type: 'button', class: 'secondary', onclick: () => exportCall(sid, model, ctx)},
        'Export JSON');

    replace(container,
        h('section', {class: 'call-detail', 'aria-labelledby': 'call-heading'},
            h('div', {class: 'detail-head'}, heading, exportButton),
            loadState, summary, controls, controlResult,
            h('h3', {}, 'Conversation'), empty, feed, latency, recording.node,
            h('h3', {}, 'Timeline'), timeline));
    buildControls(controls, controlResult, sid, model);

    function render() {
        const call = model.summary;
        heading.textContent = `Call ${maskNumber(call.direction === 'inbound' ? call.from : call.to)}`;
        heading.setAttribute('aria-label',
            `Call with ${numberLabel(call.direction === 'inbound' ? call.from : call.to)}`);
        renderSummary(summary, model);
        controls.hidden = !model.live;
        const atBottom = feed.scrollHeight - feed.scrollTop - feed.clientHeight < 40;
        for (const item of model.feed) {
            let node = nodes.get(item);
            if (!node) {
                node = renderFeedItem(item);
                nodes.set(item, node);
                feed.append(node);
            } else {
                node.update(item);
            }
        }
        if (atBottom) feed.scrollTop = feed.scrollHeight;
        empty.hidden = model.feed.length > 0;
        latency.textContent = timingsText(model);
        recording.show(model.record?.recording);
        replace(timeline, model.timeline.map(step => h('li', {class: `step ${step.kind}`},
            h('time', {datetime: step.at}, formatClock(step.at)), ' ', step.label)));
    }

    model.addEventListener('change', render);
    // /logs carries what the gateway sees and Twilio's status changes (call.status); the stored record also has
    // what happened while /logs was down, so a live call's record is re-read now and then (often while /logs is
    // down) and once more when the call ends.
    const reload = () => api.getCall(sid).then(record => model.load(record), () => {});
    let tick = 0;
    let wasLive = model.live;
    const ticker = setInterval(() => {
        if (!model.live) return;
        renderSummary(summary, model);
        if (++tick % (ctx.logs.state.state === 'open' ? 10 : 3) === 0) reload();
    }, 1000);
    const onEnd = () => {
        if (wasLive && !model.live) {
            // Twilio's final status report can land just after the gateway's call.ended.
            reload();
            setTimeout(reload, 3000);
        }
        wasLive = model.live;
    };
    model.addEventListener('change', onEnd);
    render();
    api.getCall(sid)
        .then(record => {
            loadState.textContent = '';
            loadState.hidden = true;
            model.load(record);
        })
        .catch(error => {
            loadState.textContent = error.status === 404
                ? 'This call is not in the history (yet): showing live events only.'
                : `Could not load the call: ${error.message}`;
            loadState.classList.add('problem');
        });
    return () => {
        clearInterval(ticker);
        model.removeEventListener('change', render);
        model.removeEventListener('change', onEnd);
    };
}

function renderSummary(summary, model) {
    const call = model.summary;
    const duration = call.durationMs ?? (model.live && call.startedAt ? Date.now() - Date.parse(call.startedAt) : null);
    const rows = [
        ['Status', h('span', {class: `badge status-${call.status}`}, statusText(call.status))],
        ['Direction', call.direction],
        ['From', h('span', {'aria-label': numberLabel(call.from)}, maskNumber(call.from))],
        ['To', h('span', {'aria-label': numberLabel(call.to)}, maskNumber(call.to))],
        ['Mode', call.mode],
        ['Started', formatTime(call.startedAt ?? call.createdAt)],
        ['Ended', call.endedAt ? formatTime(call.endedAt) : null],
        ['Duration', h('span', {class: 'duration'}, formatDuration(duration))],
        ['End reason', model.endReason],
        ['Call SID', h('code', {}, call.sid)],
        ['Tokens', model.record?.usage?.tokens ? h('span', {class: 'tokens'}, tokensText(model.record.usage.tokens))
            : null, 'wide'],
        ['Estimated cost', model.record?.usage?.estimatedCost
            ? h('span', {class: 'cost'}, costText(model.record.usage.estimatedCost)) : null, 'wide'],
        ['Twilio price', model.record?.usage?.twilioPrice
            ? `${model.record.usage.twilioPrice.amount} ${model.record.usage.twilioPrice.currency ?? ''}` : null],
    ];
    replace(summary, rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([term, value, wide]) => h('div', {class: wide}, h('dt', {}, term), h('dd', {}, value))));
}

function buildControls(controls, result, sid, model) {
    const hangUp = h('button', {type: 'button', class: 'danger', onclick: async () => {
        hangUp.disabled = true;
        try {
            await api.hangUp(sid);
            result.textContent = 'Hang-up sent.';
        } catch (error) {
            result.textContent = `Hang-up failed: ${error.message}`;
        } finally {
            hangUp.disabled = false;
        }
    }}, 'Hang up');
    const target = h('input', {type: 'text', name: 'target', inputmode: 'tel', autocomplete: 'off',
        placeholder: '+14155550123'});
    const targetField = field('Transfer to', target, 'E.164 number or SIP address the call is handed to.');
    const transferButton = h('button', {type: 'submit'}, 'Transfer');
    const transfer = h('form', {class: 'transfer', onsubmit: async event => {
        event.preventDefault();
        const value = target.value.trim();
        // The server's rule (docs/api.md); it checks again and its answer is shown as it comes.
        if (!/^(\+[1-9]\d{6,14}|sip:[^\s"'<>@]+@[A-Za-z0-9.-]+(:\d{1,5})?(;[^\s"'<>]*)?)$/.test(value)) {
            targetField.showError('Enter an E.164 number (+14155550123) or a sip: address (sip:desk@example.com).');
            return;
        }
        targetField.showError(null);
        transferButton.disabled = true;
        try {
            await api.transfer(sid, value);
            result.textContent = `Transfer to ${maskNumber(value)} sent: the agent has stopped and Twilio is `
                + 'dialling.';
        } catch (error) {
            const code = error.body?.twilioCode ? ` (Twilio error ${error.body.twilioCode})` : '';
            result.textContent = error.status === 405
                ? 'This server cannot transfer calls.' : `Transfer failed: ${error.message}${code}`;
        } finally {
            transferButton.disabled = false;
        }
    }}, targetField, transferButton);
    replace(controls, h('h3', {class: 'visually-hidden'}, 'Call controls'), hangUp, transfer,
        keypad(sid, result));
    controls.hidden = !model.live;
}

// Keys are pressed on the callee's side; control-api accepts them for local calls and says why not otherwise.
function keypad(sid, result) {
    const keys = h('input', {type: 'text', name: 'digits', inputmode: 'tel', autocomplete: 'off',
        placeholder: '12#', maxlength: '32'});
    const keysField = field('Keys', keys, 'Up to 32 of 0-9, * and #, pressed one after another (local calls).');
    return h('form', {class: 'transfer keypad', onsubmit: async event => {
        event.preventDefault();
        const digits = keys.value.trim();
        if (!/^[0-9*#]{1,32}$/.test(digits)) {
            keysField.showError('Enter 1 to 32 of the keys 0-9, * and #.');
            return;
        }
        keysField.showError(null);
        try {
            await api.sendDigits(sid, digits);
            result.textContent = `Keys ${digits} sent.`;
            keys.value = '';
        } catch (error) {
            result.textContent = `Keys not sent: ${error.message}`;
        }
    }}, keysField, h('button', {type: 'submit'}, 'Send keys'));
}

/** The call's own speech timings (call.metrics): first agent audio, each turn's latency, each barge-in's reaction. */
function timingsText(model) {
    const parts = [];
    if (typeof model.firstAudioMs === 'number') parts.push(`First agent audio after ${model.firstAudioMs} ms.`);
    const turns = model.latencies.map(l => l.turnLatencyMs);
    if (turns.length) {
        const sorted = [...turns].sort((a, b) => a - b);
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        parts.push(`Turn latency over ${turns.length} turn${turns.length === 1 ? '' : 's'}: median ${median} ms, `
            + `worst ${sorted[sorted.length - 1]} ms (each: ${turns.join(', ')} ms).`);
    }
    const bargeIns = model.bargeIns.map(b => b.bargeInMs);
    if (bargeIns.length) {
        parts.push(`Barge-in reaction over ${bargeIns.length} interruption${bargeIns.length === 1 ? '' : 's'} `
            + `(each: ${bargeIns.join(', ')} ms).`);
    }
    return parts.join(' ');
}

async function exportCall(sid, model, ctx) {
    let record;
    try {
        record = await api.getCall(sid);
    } catch (error) {
        ctx.notify(`Exporting what this page holds: the stored call could not be fetched (${error.message}).`, 'info');
        record = {...model.summary, timeline: model.timeline, conversation: model.feed};
    }
    const blob = new Blob([JSON.stringify(record, null, 2)], {type: 'application/json'});
    const link = h('a', {href: URL.createObjectURL(blob), download: `call-${sid}.json`});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
