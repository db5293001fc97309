// Agent config editor: loads with its ETag, validates in the page, saves with If-Match and shows a conflict
// (someone else saved first) with a choice instead of overwriting silently.
import {api} from '../api.js';
import {h, replace} from '../dom.js';
import {buildConfigForm} from './config-form.js';

export function configView(main, _param, ctx) {
    let loaded = null;  // {config, etag} as last read from the server
    let form = null;
    const status = h('p', {class: 'config-status', role: 'status'}, 'Loading the agent config…');
    const conflict = h('div', {class: 'conflict', role: 'alert', hidden: true});
    const errors = h('div', {class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true});
    const formSlot = h('div', {});
    const save = h('button', {type: 'submit', form: 'config-form'}, 'Save');
    const reload = h('button', {type: 'button', class: 'secondary', onclick: () => load()},
        'Discard changes and reload');

    replace(main, h('section', {class: 'narrow-page', 'aria-labelledby': 'config-heading'},
        h('h1', {id: 'config-heading'}, 'Agent config'),
        status, conflict, errors, formSlot,
        h('div', {class: 'actions sticky-actions'}, save, reload)));

    async function load() {
        hide(conflict);
        hide(errors);
        try {
            loaded = await api.getConfig();
        } catch (error) {
            status.textContent = `Could not load the config: ${error.message}`;
            status.classList.add('problem');
            return;
        }
        status.classList.remove('problem');
        status.textContent = `Version ${loaded.config.version ?? '?'} loaded.`;
        form = buildConfigForm(loaded.config, () => {
            status.textContent = `Version ${loaded.config.version ?? '?'} loaded · unsaved changes.`;
        });
        form.element.id = 'config-form';
        form.element.addEventListener('submit', event => {
            event.preventDefault();
            submit(loaded.etag);
        });
        replace(formSlot, form.element);
    }

    async function submit(etag) {
        if (!form) return;
        const {config, problems} = form.read();
        if (problems.length) {
            showProblems(errors, problems);
            return;
        }
        hide(errors);
        save.disabled = true;
        try {
            loaded = await api.putConfig(config, etag);
            hide(conflict);
            form.markSaved(loaded.config);
            status.textContent = `Saved: version ${loaded.config.version ?? '?'} is live for new turns and calls.`;
        } catch (error) {
            if (error.status === 412) await showConflict(config);
            else if (error.status === 400) showProblems(errors, [{message: error.message, field: error.field}]);
            else status.textContent = `Not saved: ${error.message}`;
        } finally {
            save.disabled = false;
        }
    }

    async function showConflict(mine) {
        let theirs = null;
        try {
            theirs = await api.getConfig();
        } catch (error) {
            ctx.notify(`Could not read the newer config: ${error.message}`);
        }
        const changed = theirs ? differingFields(mine, theirs.config) : [];
        status.textContent = 'Not saved: the config changed since you loaded it.';
        replace(conflict,
            h('h2', {}, 'Someone else saved first'),
            h('p', {}, `You edited version ${loaded.config.version ?? '?'}, but version `,
                h('strong', {class: 'their-version'}, String(theirs?.config.version ?? '?')),
                ' was saved meanwhile. Your changes are still in the form and have not been saved.'),
            changed.length ? h('p', {}, 'Their version differs from yours in: ', changed.join(', '), '.') : null,
            h('div', {class: 'actions'},
                h('button', {type: 'button', onclick: () => load()}, 'Load their version (drop my changes)'),
                theirs ? h('button', {type: 'button', class: 'danger', onclick: () => {
                    loaded = {...loaded, etag: theirs.etag};
                    submit(theirs.etag);
                }}, 'Save mine over theirs') : null));
        conflict.hidden = false;
        conflict.querySelector('button')?.focus();
    }

    load();
}

function showProblems(container, problems) {
    replace(container,
        h('h2', {}, `Not saved: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`),
        h('ul', {}, problems.map(problem => h('li', {},
            problem.id ? h('a', {href: `#${problem.id}`, onclick: event => {
                event.preventDefault();
                document.getElementById(problem.id)?.focus();
            }}, problem.message) : problem.message))));
    container.hidden = false;
    container.focus();
}

function hide(node) {
    node.hidden = true;
    node.replaceChildren();
}

const LABELS = {instructions: 'instructions', voice: 'voice', greeting: 'greeting', turnDetection: 'turn detection',
    transcription: 'transcription', tools: 'tools', model: 'model'};

function differingFields(mine, theirs) {
    return Object.keys(LABELS).filter(key => JSON.stringify(mine[key] ?? null) !== JSON.stringify(theirs[key] ?? null))
        .map(key => LABELS[key]);
}
