// Console entry point: API key form, live-events indicator, notices and the hash router.
import {apiKey, onUnauthorized, setApiKey} from './api.js';
import {LogsSocket} from './logs.js';
import {CallStore} from './call-store.js';
import {h, replace} from './dom.js';
import {liveView} from './views/live.js';
import {dialerView} from './views/dialer.js';
import {configView} from './views/config.js';
import {profilesView} from './views/profiles.js';
import {historyView} from './views/history.js';
import {setupView} from './views/setup.js';

const ROUTES = {live: liveView, dialer: dialerView, config: configView, profiles: profilesView, history: historyView,
    setup: setupView};
const TITLES = {live: 'Live calls', dialer: 'Dialer', config: 'Agent config', profiles: 'Profiles', history: 'History',
    setup: 'Setup'};

const main = document.getElementById('main');
const notices = document.getElementById('notices');
const logs = new LogsSocket();
const calls = new CallStore();
let cleanup = null;
let currentRoute = null;

const ctx = {
    logs,
    calls,
    notify,
    navigate: hash => {
        window.location.hash = hash;
    },
};

function notify(message, kind = 'error') {
    const item = h('div', {class: `notice ${kind}`},
        h('p', {}, message),
        h('button', {type: 'button', class: 'secondary', onclick: () => item.remove()}, 'Dismiss'));
    notices.replaceChildren(item);
}

function route() {
    const [name, ...rest] = window.location.hash.replace(/^#\/?/, '').split('/');
    const routeName = ROUTES[name] ? name : 'live';
    const param = rest.length ? decodeURIComponent(rest.join('/')) : null;
    cleanup?.();
    const firstRender = currentRoute === null;
    const sameRoute = currentRoute === routeName;
    currentRoute = routeName;
    replace(main);
    cleanup = ROUTES[routeName](main, param, ctx) ?? null;
    document.title = `${TITLES[routeName]} · Switchboard console`;
    for (const link of document.querySelectorAll('[data-route]')) {
        if (link.dataset.route === routeName) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
    // Moving focus to the new view tells keyboard and screen-reader users the page changed.
    if (!firstRender && !sameRoute) main.focus();
}

function showLogsState({state, reason, retryAt}) {
    const indicator = document.getElementById('logs-state');
    indicator.dataset.state = state;
    const text = {
        connecting: 'Live events: connecting…',
        open: 'Live events: connected',
        disconnected: `Live events: disconnected${reason ? ` (${reason})` : ''}, reconnecting${retryAt ? ` in ${
            Math.max(1, Math.round((retryAt - Date.now()) / 1000))} s` : ''}…`,
        unauthorized: 'Live events: need an API key',
    }[state];
    indicator.textContent = text;
}

function setUpKeyForm() {
    const form = document.getElementById('key-form');
    const input = document.getElementById('api-key');
    input.value = apiKey();
    form.addEventListener('submit', event => {
        event.preventDefault();
        setApiKey(input.value.trim());
        notices.replaceChildren();
        logs.restart();
        calls.refresh();
        route();
    });
    document.getElementById('forget-key').addEventListener('click', () => {
        input.value = '';
        setApiKey('');
        logs.restart();
        route();
    });
    onUnauthorized(() => {
        notify(apiKey() ? 'The API key was refused: check it and enter it again.'
            : 'This server needs an API key: enter it above (it stays in this tab only).');
        input.setAttribute('aria-invalid', 'true');
        form.classList.add('needs-key');
    });
    form.addEventListener('input', () => {
        input.removeAttribute('aria-invalid');
        form.classList.remove('needs-key');
    });
}

logs.addEventListener('state', event => {
    showLogsState(event.detail);
    if (event.detail.state === 'open') calls.refresh();
});
logs.addEventListener('event', event => calls.apply(event.detail));
// Without live events the lists would go stale: poll the API until /logs is back.
setInterval(() => {
    if (logs.state.state !== 'open' && !document.hidden) calls.refresh();
}, 5000);
setUpKeyForm();
// The skip link must not go through the router: it only moves focus.
document.querySelector('.skip-link').addEventListener('click', event => {
    event.preventDefault();
    main.focus();
});
window.addEventListener('hashchange', route);
route();
logs.start();
calls.refresh();
