// The live event stream (/logs): one socket for the whole console, a fresh single-use ticket for every
// (re)connection, automatic reconnection with capped backoff and jitter.
import {api, ApiError} from './api.js';

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/**
 * Emits 'event' (detail: envelope {type, callSid, at, data}) and 'state' (detail: {state, reason, retryAt}).
 * States: connecting, open, disconnected (retrying by itself), unauthorized (waits for a new API key).
 */
export class LogsSocket extends EventTarget {
    #socket = null;
    #attempt = 0;
    #timer = null;
    #stopped = false;
    state = {state: 'connecting', reason: '', retryAt: null};

    start() {
        this.#stopped = false;
        this.#connect();
    }

    /** Drops the current socket (if any) and connects again at once, e.g. after the API key changed. */
    restart() {
        this.#attempt = 0;
        this.#closeQuietly();
        this.#connect();
    }

    stop() {
        this.#stopped = true;
        this.#closeQuietly();
    }

    async #connect() {
        clearTimeout(this.#timer);
        if (this.#stopped) return;
        this.#setState('connecting', '');
        let url;
        try {
            url = await this.#url();
        } catch (error) {
            if (error instanceof ApiError && error.status === 401) {
                this.#setState('unauthorized', 'The server needs an API key for live events.');
                return;
            }
            this.#retry(error.message);
            return;
        }
        const socket = new WebSocket(url);
        this.#socket = socket;
        socket.addEventListener('open', () => {
            this.#attempt = 0;
            this.#setState('open', '');
        });
        socket.addEventListener('message', message => this.#deliver(message.data));
        socket.addEventListener('close', event => {
            if (this.#socket !== socket) return;
            this.#socket = null;
            this.#retry(event.reason || closeText(event.code));
        });
    }

    async #url() {
        const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
        const base = `${scheme}//${window.location.host}/logs`;
        try {
            const {ticket} = await api.logsTicket();
            return `${base}?ticket=${encodeURIComponent(ticket)}`;
        } catch (error) {
            // A server without tickets (no API key configured, older build) still serves /logs openly.
            if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return base;
            throw error;
        }
    }

    #deliver(text) {
        let envelope;
        try {
            envelope = JSON.parse(text);
        } catch {
            return;
        }
        if (envelope && typeof envelope.type === 'string') {
            this.dispatchEvent(new CustomEvent('event', {detail: envelope}));
        }
    }

    #retry(reason) {
        if (this.#stopped) return;
        const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.#attempt);
        const delay = Math.round(base / 2 + Math.random() * base / 2);
        this.#attempt++;
        this.#setState('disconnected', reason, Date.now() + delay);
        this.#timer = setTimeout(() => this.#connect(), delay);
    }

    #closeQuietly() {
        clearTimeout(this.#timer);
        const socket = this.#socket;
        this.#socket = null;
        if (socket) socket.close(1000, 'console closed');
    }

    #setState(state, reason, retryAt = null) {
        this.state = {state, reason, retryAt};
        this.dispatchEvent(new CustomEvent('state', {detail: this.state}));
    }
}

function closeText(code) {
    if (code === 1006) return 'connection lost';
    if (code === 1008) return 'refused by the server';
    if (code === 1001) return 'server going away';
    return `closed (code ${code})`;
}
