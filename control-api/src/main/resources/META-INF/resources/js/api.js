// The console's only way to control-api's REST API: adds the bearer key, turns problem bodies into ApiError.

const KEY_STORAGE = 'switchboard.apiKey';

/** An HTTP failure with the server's own explanation (never its raw body when that is not JSON). */
export class ApiError extends Error {
    constructor(status, message, body) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.body = body;
    }

    /** The field the server blames, when its problem body names one. */
    get field() {
        return this.body?.field ?? this.body?.invalidParams?.[0]?.name ?? null;
    }
}

const listeners = new Set();

/** Calls fn(status) whenever the server refuses us for want of a (right) API key. */
export function onUnauthorized(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
}

export function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key) {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
}

function problemMessage(status, body) {
    if (body && typeof body === 'object') {
        const text = body.detail ?? body.message ?? body.title ?? body.error;
        if (text) return String(text);
    }
    if (status === 401) return 'The server needs an API key (or the one entered is wrong).';
    if (status === 404) return 'Not found.';
    if (status === 429) return 'Too many requests: wait a moment and try again.';
    if (status >= 500) return `The server could not do it (HTTP ${status}).`;
    return `Request failed (HTTP ${status}).`;
}

/**
 * Sends one request to the API. Resolves to {status, body, headers} (body a Blob with blob: true); rejects with
 * ApiError for any non-2xx answer and with a plain Error when the server cannot be reached.
 */
export async function request(method, path, {body, headers = {}, query, blob = false} = {}) {
    const url = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(query ?? {})) {
        if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
    }
    const sent = {Accept: 'application/json', ...headers};
    const key = apiKey();
    if (key) sent.Authorization = `Bearer ${key}`;
    if (body !== undefined) sent['Content-Type'] = 'application/json';
    let response;
    try {
        response = await fetch(url, {method, headers: sent,
            body: body === undefined ? undefined : JSON.stringify(body)});
    } catch (cause) {
        throw new Error('control-api cannot be reached: is it running?', {cause});
    }
    if (blob && response.ok) return {status: response.status, body: await response.blob(), headers: response.headers};
    const parsed = await readBody(response);
    if (!response.ok) {
        if (response.status === 401) listeners.forEach(fn => fn(response.status));
        throw new ApiError(response.status, problemMessage(response.status, parsed), parsed);
    }
    return {status: response.status, body: parsed, headers: response.headers};
}

async function readBody(response) {
    const type = response.headers.get('Content-Type') ?? '';
    if (response.status === 204) return null;
    if (type.includes('json')) {
        try {
            return await response.json();
        } catch {
            return null;
        }
    }
    return null;
}

export const api = {
    placeCall: call => request('POST', '/api/calls', {body: call}).then(r => r.body),
    listCalls: query => request('GET', '/api/calls', {query}).then(r => r.body),
    getCall: sid => request('GET', `/api/calls/${encodeURIComponent(sid)}`).then(r => r.body),
    hangUp: sid => request('DELETE', `/api/calls/${encodeURIComponent(sid)}`),
    transfer: (sid, target) => request('POST', `/api/calls/${encodeURIComponent(sid)}/transfer`, {body: {target}}),
    sendDigits: (sid, digits) => request('POST', `/api/calls/${encodeURIComponent(sid)}/dtmf`, {body: {digits}}),
    status: () => request('GET', '/api/status').then(r => r.body),

    /** The call's recording as a Blob (audio/wav), fetched with the API key; ApiError when there is none. */
    getRecording: sid => request('GET', `/api/calls/${encodeURIComponent(sid)}/recording`,
        {headers: {Accept: 'audio/wav, application/json'}, blob: true}).then(r => r.body),
    logsTicket: () => request('POST', '/api/logs/tickets').then(r => r.body),

    listProfiles: () => request('GET', '/api/profiles').then(r => r.body),

    /** Resolves to {profile, etag}. */
    async getProfile(name) {
        const r = await request('GET', `/api/profiles/${encodeURIComponent(name)}`);
        return {profile: r.body, etag: r.headers.get('ETag') ?? quote(r.body?.version)};
    },

    /** Saves a profile; etag: only over that version (If-Match), createOnly: only if it is new (If-None-Match: *). */
    async putProfile(name, profile, {etag, createOnly} = {}) {
        const headers = createOnly ? {'If-None-Match': '*'} : etag ? {'If-Match': etag} : {};
        const r = await request('PUT', `/api/profiles/${encodeURIComponent(name)}`, {body: profile, headers});
        return {profile: r.body, etag: r.headers.get('ETag') ?? quote(r.body?.version)};
    },

    deleteProfile: (name, etag) => request('DELETE', `/api/profiles/${encodeURIComponent(name)}`,
        {headers: etag ? {'If-Match': etag} : {}}),

    /** Resolves to {config, etag}. */
    async getConfig() {
        const r = await request('GET', '/api/config');
        return {config: r.body, etag: r.headers.get('ETag') ?? quote(r.body?.version)};
    },

    /** Saves only if nobody saved since etag was read; a 412 rejects with ApiError status 412. */
    async putConfig(config, etag) {
        const r = await request('PUT', '/api/config', {body: config, headers: etag ? {'If-Match': etag} : {}});
        return {config: r.body, etag: r.headers.get('ETag') ?? quote(r.body?.version)};
    },
};

function quote(version) {
    return version === undefined || version === null ? null : `"${version}"`;
}
