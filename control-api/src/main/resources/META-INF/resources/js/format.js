// Small pure helpers for showing calls: masked numbers, durations, times, E.164 checks.

// As control-api checks it: a plus, a non-zero country digit, 7 to 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

/** Twilio statuses after which a call cannot come back. */
const FINAL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export function isE164(number) {
    return E164.test(number);
}

/** Why a number is not E.164, in words an operator can act on; null when it is. */
export function e164Problem(number) {
    if (!number) return 'Enter a number.';
    if (/\s|-|\(|\)/.test(number)) {
        return 'Remove spaces, dashes and brackets: E.164 is + and digits only, e.g. +14155550123.';
    }
    if (!number.startsWith('+')) return 'Start with + and the country code, e.g. +14155550123.';
    if (number.startsWith('+0')) return 'A country code never starts with 0.';
    if (!/^\+\d+$/.test(number)) return 'Use digits only after the +.';
    if (number.length > 16) return 'Too long: E.164 numbers have at most 15 digits.';
    if (number.length < 8) return 'Too short: E.164 numbers have at least 7 digits.';
    return null;
}

/** Shows only the last four digits: "+•••••••0123". Anything that is not a number is shown masked too. */
export function maskNumber(number) {
    if (!number) return '—';
    const text = String(number);
    const digits = text.replace(/\D/g, '');
    if (digits.length <= 4) return text.startsWith('client:') || text.startsWith('sip:') ? '•••' : text;
    return `${text.startsWith('+') ? '+' : ''}${'•'.repeat(Math.min(8, digits.length - 4))}${digits.slice(-4)}`;
}

/** The last four digits, for screen readers ("number ending 0123"). */
export function numberLabel(number) {
    const digits = String(number ?? '').replace(/\D/g, '');
    return digits.length ? `number ending ${digits.slice(-4).split('').join(' ')}` : 'unknown number';
}

export function isFinal(status) {
    return FINAL_STATUSES.has(status);
}

export function formatDuration(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
    const total = Math.max(0, Math.round(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = String(total % 60).padStart(2, '0');
    return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function formatTime(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return date.toLocaleString(undefined, {dateStyle: 'short', timeStyle: 'medium'});
}

export function formatClock(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(undefined, {timeStyle: 'medium'});
}

export function statusText(status) {
    return (status ?? 'unknown').replace(/-/g, ' ');
}

/** Pretty JSON for arguments and results; strings that hold JSON are shown parsed. */
export function prettyJson(value) {
    if (typeof value === 'string') {
        try {
            return JSON.stringify(JSON.parse(value), null, 2);
        } catch {
            return value;
        }
    }
    return JSON.stringify(value, null, 2);
}
