// Setup checklist: what is configured and what is not, from control-api's non-secret status report.
import {api} from '../api.js';
import {h, replace} from '../dom.js';

const MARK = {ok: '✓', missing: '✗', local: '○', unknown: '?'};
const WORD = {ok: 'Ready', missing: 'Not set', local: 'Local mode', unknown: 'Unknown'};

export function setupView(main, _param, ctx) {
    const list = h('ul', {class: 'checklist', 'aria-label': 'Setup items'});
    const note = h('p', {class: 'hint', role: 'status'}, 'Checking…');
    replace(main, h('section', {class: 'narrow-page', 'aria-labelledby': 'setup-heading'},
        h('h1', {id: 'setup-heading'}, 'Setup'),
        h('p', {}, 'What this installation has configured. Secrets are never shown, only whether they are set.'),
        note, list,
        h('button', {type: 'button', class: 'secondary', onclick: () => check()}, 'Check again')));

    async function check() {
        note.textContent = 'Checking…';
        const [status, ready] = await Promise.all([
            api.status().catch(error => ({failed: error})),
            fetch('/q/health/ready').then(r => r.ok).catch(() => false),
        ]);
        const items = [item('control-api ready', ready ? 'ok' : 'missing', ready ? 'Health check is UP.'
            : 'The readiness check is not UP: see the control-api log.')];
        if (status.failed) {
            note.textContent = status.failed.status === 404
                ? 'This server does not report its setup (no GET /api/status): '
                    + 'only what the console can see is listed.'
                : `Could not read the setup status: ${status.failed.message}`;
        } else {
            note.textContent = '';
            items.push(...statusItems(status));
        }
        const logs = ctx.logs.state.state;
        items.push(item('Live events (/logs)', logs === 'open' ? 'ok' : 'missing',
            logs === 'open' ? 'This page receives live call events.' : `Not connected (${logs}).`));
        replace(list, items);
    }

    check();
}

function statusItems(status) {
    const items = [];
    if ('openaiKeyPresent' in status) items.push(openaiItem(status));
    if ('twilioConfigured' in status) {
        items.push(item('Twilio credentials', status.twilioConfigured ? 'ok' : 'local', status.twilioConfigured
            ? 'Account SID and auth token set (not shown).'
            : 'Not set: calls go through the built-in local dialer. Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and '
            + 'TWILIO_FROM_NUMBER for real calls.'));
    }
    const local = status.dialerMode === 'local';
    if ('publicUrl' in status) items.push(urlItem(status.publicUrl, 'Public URL', local));
    if ('gatewayPublicUrl' in status) items.push(urlItem(status.gatewayPublicUrl, 'Gateway public URL', local));
    if ('gatewayLinked' in status || 'gatewaysLinked' in status) {
        const linked = status.gateways ?? status.gatewayLinked ?? status.gatewaysLinked;
        const count = typeof linked === 'number' ? linked : linked ? 1 : 0;
        items.push(item('Gateway linked', count > 0 ? 'ok' : 'missing', count > 0
            ? `${count} gateway${count === 1 ? '' : 's'} connected over the internal link.`
            : 'No gateway is connected: start call-gateway with CONTROL_API_URL and SWITCHBOARD_INTERNAL_TOKEN.'));
    }
    if ('signatureChecking' in status) {
        items.push(item('Twilio signature checking', status.signatureChecking ? 'ok' : 'missing',
            status.signatureChecking ? 'Webhooks without a valid X-Twilio-Signature are refused.'
                : 'Off: set TWILIO_AUTH_TOKEN so forged webhooks are refused.'));
    }
    if ('apiKeyRequired' in status) {
        items.push(item('API key protection', status.apiKeyRequired ? 'ok' : 'missing', status.apiKeyRequired
            ? '/api and /logs need the API key.' : 'Open: set SWITCHBOARD_API_KEY before exposing control-api.'));
    }
    return items;
}

// The key lives on the gateway, so control-api knows only what linked gateways said (null: none has said).
function openaiItem(status) {
    if (status.openaiKeyPresent === null || status.openaiKeyPresent === undefined) {
        return item('OpenAI API key', 'unknown', 'No linked gateway has reported it: link a gateway to see it.');
    }
    if (!status.openaiKeyPresent) {
        return item('OpenAI API key', 'local', status.agentMode === 'mixed'
            ? 'Not set on every gateway: some calls are answered by the built-in local voice agent.'
            : 'Not set: calls are answered by the built-in local voice agent. Set OPENAI_API_KEY on the gateway.');
    }
    return item('OpenAI API key', status.agentMode === 'local' ? 'local' : 'ok', status.agentMode === 'local'
        ? 'Set on the gateway (not shown), but SWITCHBOARD_AGENT_MODE=local: the local voice agent answers.'
        : 'Set on the gateway (not shown).');
}

/** A URL the server judged ({value, httpsScheme, looksPublic, problem}), or a bare URL string judged here. */
function urlItem(url, label, localMode) {
    if (url === null || typeof url !== 'object') return publicUrlItem(url, label);
    if (!url.value) return item(label, 'missing', url.problem ?? 'Not set.');
    if (!url.problem) return item(label, 'ok', `${url.value}: https, reachable shape.`);
    return item(label, localMode && !url.looksPublic ? 'local' : 'missing', `${url.value}: ${url.problem}.`);
}

/** Judges a public base URL by scheme and shape only (this page cannot reach the internet to test it). */
export function publicUrlItem(value, label = 'Public URL') {
    if (!value) return item(label, 'missing', 'Not set: set PUBLIC_URL to the https address Twilio reaches.');
    let url;
    try {
        url = new URL(value);
    } catch {
        return item(label, 'missing', `${value} is not a URL.`);
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.pathname !== '/' || url.search || url.hash) {
        return item(label, 'missing', `${url.origin}${url.pathname}: give the base only (scheme and host), no path.`);
    }
    if (url.protocol === 'https:' && !loopback) return item(label, 'ok', `${url.origin}: https, reachable shape.`);
    if (loopback) {
        return item(label, 'local', `${url.origin}: loopback, fine for local mode; Twilio needs a public https URL.`);
    }
    return item(label, 'missing', `${url.origin}: Twilio needs https.`);
}

function item(name, state, text) {
    return h('li', {class: `check-item ${state}`, 'data-check': name},
        h('span', {class: 'mark', 'aria-hidden': 'true'}, MARK[state]),
        h('span', {class: 'name'}, name),
        h('span', {class: 'state'}, WORD[state]),
        h('span', {class: 'explain'}, text));
}
