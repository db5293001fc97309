// Calls the console is watching: the newest page from the API plus everything /logs says about any call.
import {api} from './api.js';
import {CallModel, callsOf} from './call-model.js';

const KEEP_MODELS = 200;
const RECENT_PAGE = 25;

export class CallStore extends EventTarget {
    #models = new Map();
    #recent = [];
    #refreshing = null;
    #refreshTimer = null;
    error = null;

    /** The model of one call, created (empty) when first asked for. */
    model(sid) {
        let model = this.#models.get(sid);
        if (!model) {
            model = new CallModel(sid);
            // Whatever a call view learns about a call (stored record, polling) shows in the lists too.
            model.addEventListener('change', () => this.dispatchEvent(new Event('change')));
            this.#models.set(sid, model);
            this.#trim();
        }
        return model;
    }

    /** Feeds one /logs envelope to its call; a call not seen before makes the list refresh soon. */
    apply(envelope) {
        if (!envelope.callSid) return;
        const known = this.#models.has(envelope.callSid) || this.#recent.some(c => c.sid === envelope.callSid);
        this.model(envelope.callSid).apply(envelope);
        if (!known || envelope.type === 'call.ended' || envelope.type === 'call.status') this.refreshSoon();
    }

    /** Calls in progress first, then recent ones, newest first; live event data wins over the stored page. */
    calls() {
        const bySid = new Map(this.#recent.map(call => [call.sid, {...call}]));
        for (const [sid, model] of this.#models) {
            const stored = bySid.get(sid);
            if (stored) bySid.set(sid, mergeSummary(stored, model.summary));
            else if (model.summary.startedAt || model.summary.status !== 'unknown') bySid.set(sid, {...model.summary});
        }
        return [...bySid.values()].sort((a, b) => String(b.createdAt ?? b.startedAt ?? '')
            .localeCompare(String(a.createdAt ?? a.startedAt ?? '')));
    }

    refresh() {
        this.#refreshing ??= api.listCalls({size: RECENT_PAGE, page: 0})
            .then(page => {
                this.#recent = callsOf(page);
                this.error = null;
            })
            .catch(error => {
                this.error = error;
            })
            .finally(() => {
                this.#refreshing = null;
                this.dispatchEvent(new Event('change'));
            });
        return this.#refreshing;
    }

    refreshSoon() {
        clearTimeout(this.#refreshTimer);
        this.#refreshTimer = setTimeout(() => this.refresh(), 300);
    }

    #trim() {
        if (this.#models.size <= KEEP_MODELS) return;
        for (const [sid, model] of this.#models) {
            if (!model.live) {
                this.#models.delete(sid);
                if (this.#models.size <= KEEP_MODELS) return;
            }
        }
    }
}

function mergeSummary(stored, live) {
    const merged = {...stored};
    for (const [key, value] of Object.entries(live)) {
        if (value !== null && value !== undefined && value !== 'unknown' && merged[key] == null) merged[key] = value;
    }
    // The stored status can lag behind /logs by a refresh; a final status from either side wins.
    if (live.status !== 'unknown'
        && !['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(stored.status)) {
        merged.status = live.status;
    }
    return merged;
}
