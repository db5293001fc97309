package dev.switchboard.gateway.resume;

/**
 * Which resume request in a row this is for a call, read from the {@code <Connect action>} URL's query: the
 * previous answer wrote {@code attempt} (its number plus one) and {@code at} (when it answered, epoch ms) there.
 * Twilio signs the query with the rest of the URL, so neither can be forged. {@code number} counts from 1 (the
 * action of the call's first TwiML has no query); {@code previousAt} is 0 when there was no previous answer.
 */
record ResumeAttempt(int number, long previousAt) {

    static final String ATTEMPT = "attempt";
    static final String AT = "at";
    /** The stream given by a request that came back this long after it was answered did carry the call. */
    static final long HELD_MS = 30_000;
    /** A request back this soon after the previous answer means its stream failed at once (refused, or died). */
    static final long QUICK_MS = 3_000;

    /** From the query's values (null when absent); an unreadable value counts as absent. */
    static ResumeAttempt of(String attempt, String at) {
        return new ResumeAttempt((int) Math.clamp(parse(attempt), 1, 1_000), Math.max(0, parse(at)));
    }

    /** This request, counted from 1 again when the previous stream held long enough to have resumed the call. */
    ResumeAttempt counted(long nowMillis) {
        return previousAt > 0 && nowMillis - previousAt >= HELD_MS ? new ResumeAttempt(1, previousAt) : this;
    }

    /** Whether the previous answer's stream failed: this request follows it within the same run of attempts. */
    boolean previousFailed() {
        return number > 1;
    }

    /** Whether that failure came at once: a retry then waits a moment rather than look for the same fault. */
    boolean cameBackQuickly(long nowMillis) {
        return previousFailed() && nowMillis - previousAt < QUICK_MS;
    }

    /** The query of the action URL given with this request's new stream. */
    String nextQuery(long nowMillis) {
        return ATTEMPT + "=" + (number + 1) + "&" + AT + "=" + nowMillis;
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
