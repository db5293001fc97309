// Agent profiles: the list (name, version, numbers), and one profile's JSON to edit, create or delete. Saves use
// If-Match (or If-None-Match: * to create), so a profile someone else changed meanwhile is never overwritten.
import {api} from '../api.js';
import {h, replace} from '../dom.js';

const TEMPLATE = {instructions: 'You are a friendly, concise phone assistant.', voice: 'marin', greeting: null,
    tools: [], numbers: []};

export function profilesView(main, param, ctx) {
    const status = h('p', {class: 'config-status', role: 'status'}, 'Loading the profiles…');
    const list = h('div', {});
    const editor = h('div', {});
    replace(main, h('section', {class: 'narrow-page', 'aria-labelledby': 'profiles-heading'},
        h('h1', {id: 'profiles-heading'}, 'Agent profiles'),
        h('p', {class: 'hint'}, 'Inbound calls to a profile\'s numbers run on it; every other call runs on ',
            h('code', {}, 'default'), ' (the agent config) unless the dialer names a profile.'),
        status, list, editor));

    async function loadList() {
        try {
            const profiles = await api.listProfiles();
            status.textContent = `${profiles.length} profile${profiles.length === 1 ? '' : 's'}.`;
            replace(list, h('table', {class: 'profiles'},
                h('thead', {}, h('tr', {}, ['Name', 'Version', 'Numbers', 'Updated'].map(t => h('th', {scope: 'col'}, t)))),
                h('tbody', {}, profiles.map(p => h('tr', {},
                    h('td', {}, h('a', {href: `#profiles/${encodeURIComponent(p.name)}`}, p.name)),
                    h('td', {}, String(p.version)),
                    h('td', {}, (p.numbers ?? []).join(', ') || '—'),
                    h('td', {}, p.updatedAt ? new Date(p.updatedAt).toLocaleString() : 'built-in'))))),
                h('button', {type: 'button', onclick: () => showEditor(null)}, 'New profile'));
        } catch (error) {
            status.textContent = `Could not load the profiles: ${error.message}`;
        }
    }

    async function showEditor(name) {
        let loaded = null;
        if (name) {
            try {
                loaded = await api.getProfile(name);
            } catch (error) {
                ctx.notify(`Could not load profile ${name}: ${error.message}`);
                return;
            }
        }
        const nameInput = h('input', {type: 'text', id: 'profile-name', value: name ?? '', disabled: Boolean(name),
            pattern: '[a-z0-9][a-z0-9-]{0,62}', autocomplete: 'off'});
        const body = editable(loaded?.profile ?? TEMPLATE);
        const json = h('textarea', {id: 'profile-json', rows: 18, spellcheck: 'false'}, JSON.stringify(body, null, 2));
        const result = h('p', {role: 'status', 'aria-live': 'polite'});
        const save = h('button', {type: 'button', onclick: async () => {
            let parsed;
            try {
                parsed = JSON.parse(json.value);
            } catch (error) {
                result.textContent = `Not saved: the JSON does not parse (${error.message}).`;
                return;
            }
            const target = name ?? nameInput.value.trim();
            try {
                loaded = await api.putProfile(target, parsed, loaded ? {etag: loaded.etag} : {createOnly: true});
                result.textContent = `Saved: ${target} version ${loaded.profile.version} is live for new calls.`;
                name = target;
                nameInput.disabled = true;
                loadList();
            } catch (error) {
                result.textContent = error.status === 412
                    ? 'Not saved: the profile changed (or exists) since you loaded it. Reload it first.'
                    : `Not saved (HTTP ${error.status ?? '?'}): ${error.message}`;
            }
        }}, 'Save');
        const remove = h('button', {type: 'button', class: 'danger', hidden: !name || name === 'default',
            onclick: async () => {
                try {
                    await api.deleteProfile(name, loaded?.etag);
                    replace(editor);
                    loadList();
                } catch (error) {
                    result.textContent = `Not deleted (HTTP ${error.status ?? '?'}): ${error.message}`;
                }
            }}, 'Delete');
        replace(editor, h('section', {'aria-labelledby': 'profile-heading'},
            h('h2', {id: 'profile-heading'}, name ? `Profile ${name}` + (loaded ? ` · version ${loaded.profile.version}`
                : '') : 'New profile'),
            h('label', {for: 'profile-name'}, 'Name'), nameInput,
            h('label', {for: 'profile-json'}, 'Config JSON (as /api/config, plus "numbers")'), json,
            h('div', {class: 'actions'}, save, remove), result));
        json.focus();
    }

    loadList();
    if (param) showEditor(param);
}

// What the editor shows: the body a PUT takes (version and name come from the server).
function editable(profile) {
    const {version: _version, profile: _name, ...body} = profile;
    return body;
}
