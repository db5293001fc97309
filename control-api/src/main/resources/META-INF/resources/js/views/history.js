// Call history: search by number, status and date, page through, open a call's transcript and timeline.
import {api} from '../api.js';
import {callsOf} from '../call-model.js';
import {field, h, replace} from '../dom.js';
import {formatDuration, formatTime, maskNumber, numberLabel, statusText} from '../format.js';
import {callDetail} from './call-detail.js';

const STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'];
const PAGE_SIZE = 20;

// Kept across visits so opening a call and coming back keeps the search.
const search = {number: '', status: '', since: '', until: '', page: 0};

export function historyView(main, sid, ctx) {
    const number = h('input', {type: 'search', name: 'number', value: search.number, autocomplete: 'off',
        inputmode: 'tel'});
    const status = h('select', {name: 'status'}, h('option', {value: ''}, 'Any status'),
        STATUSES.map(s => h('option', {value: s, selected: s === search.status}, statusText(s))));
    const since = h('input', {type: 'date', name: 'since', value: search.since});
    const until = h('input', {type: 'date', name: 'until', value: search.until});
    const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Search calls'},
        field('Number', number, 'Full number or its last digits.'), field('Status', status),
        field('From date', since), field('To date', until),
        h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Search'),
            h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
    const state = h('p', {class: 'list-state', role: 'status'});
    const table = h('div', {class: 'table-wrap'});
    const pager = h('nav', {class: 'pager', 'aria-label': 'Pages of results'});
    const detail = h('div', {class: 'detail-pane'});
    replace(main, h('div', {class: 'split history'},
        h('section', {class: 'list-pane', 'aria-labelledby': 'history-heading'},
            h('h1', {id: 'history-heading'}, 'Call history'), form, state, table, pager),
        detail));

    let latest = 0;
    async function load() {
        const request = ++latest;
        state.textContent = 'Searching…';
        let page;
        try {
            page = await api.listCalls(query());
        } catch (error) {
            if (request === latest) state.textContent = `Could not load the history: ${error.message}`;
            return;
        }
        // An earlier, slower search must not overwrite the answer to the latest one.
        if (request !== latest) return;
        const calls = callsOf(page).filter(matchesSearch);
        const pages = page?.total != null
            ? ` of ${Math.max(1, Math.ceil(page.total / PAGE_SIZE))} (${page.total} in all)` : '';
        state.textContent = calls.length
            ? `${calls.length} call${calls.length === 1 ? '' : 's'} on page ${search.page + 1}${pages}.`
            : 'No calls match.';
        replace(table, calls.length ? resultsTable(calls, sid) : null);
        renderPager(pager, calls.length, page, load);
    }

    form.addEventListener('submit', event => {
        event.preventDefault();
        Object.assign(search, {number: number.value.trim(), status: status.value, since: since.value,
            until: until.value, page: 0});
        load();
    });
    form.addEventListener('reset', () => {
        Object.assign(search, {number: '', status: '', since: '', until: '', page: 0});
        setTimeout(load);
    });
    load();
    let closeDetail = null;
    if (sid) closeDetail = callDetail(detail, sid, ctx);
    else replace(detail, h('p', {class: 'empty'}, 'Open a call to see its full transcript and timeline.'));
    return () => closeDetail?.();
}

function query() {
    const dayStart = date => date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
    const dayEnd = date => date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
    return {number: search.number.replace(/(?!^\+)\D/g, ''), status: search.status, since: dayStart(search.since),
        until: dayEnd(search.until), page: search.page, size: PAGE_SIZE};
}

/** The same filter in the page, so a server that filters less than asked still shows only matches. */
function matchesSearch(call) {
    const digits = search.number.replace(/\D/g, '');
    if (digits && ![call.from, call.to].some(n => String(n ?? '').replace(/\D/g, '').includes(digits))) return false;
    if (search.status && call.status !== search.status) return false;
    const at = Date.parse(call.createdAt ?? call.startedAt ?? '');
    if (search.since && !(at >= Date.parse(query().since))) return false;
    if (search.until && !(at <= Date.parse(query().until))) return false;
    return true;
}

function resultsTable(calls, selectedSid) {
    return h('table', {class: 'calls'},
        h('caption', {class: 'visually-hidden'}, 'Calls, newest first'),
        h('thead', {}, h('tr', {}, ['When', 'Status', 'Direction', 'From', 'To', 'Duration']
            .map(title => h('th', {scope: 'col'}, title)))),
        h('tbody', {}, calls.map(call => h('tr', {'aria-current': call.sid === selectedSid ? 'true' : null},
            h('td', {'data-label': 'When'},
                h('a', {href: `#history/${encodeURIComponent(call.sid)}`, 'data-sid': call.sid},
                    formatTime(call.createdAt ?? call.startedAt))),
            h('td', {'data-label': 'Status'},
                h('span', {class: `badge status-${call.status}`}, statusText(call.status))),
            h('td', {'data-label': 'Direction'}, call.direction === 'inbound' ? 'in' : 'out'),
            h('td', {'data-label': 'From', 'aria-label': numberLabel(call.from)}, maskNumber(call.from)),
            h('td', {'data-label': 'To', 'aria-label': numberLabel(call.to)}, maskNumber(call.to)),
            h('td', {'data-label': 'Duration'}, formatDuration(call.durationMs))))));
}

function renderPager(pager, count, page, load) {
    const hasMore = page?.total != null ? (search.page + 1) * PAGE_SIZE < page.total
        : page?.hasMore ?? page?.next != null ? Boolean(page.hasMore ?? page.next) : count >= PAGE_SIZE;
    replace(pager,
        h('button', {type: 'button', class: 'secondary', disabled: search.page === 0, onclick: () => {
            search.page--;
            load();
        }}, 'Newer'),
        h('button', {type: 'button', class: 'secondary', disabled: !hasMore, onclick: () => {
            search.page++;
            load();
        }}, 'Older'));
}
