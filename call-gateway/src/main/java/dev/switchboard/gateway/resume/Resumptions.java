package dev.switchboard.gateway.resume;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Calls answered on /twiml/resume whose new stream has not started yet: the stream's start claims its resumption.
 * An entry whose stream never comes (it opened on another instance, or the call ended) expires.
 */
@ApplicationScoped
public class Resumptions {

    /** Twilio opens the stream within a second or two of fetching the TwiML; an entry older than this is stale. */
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_PENDING = 10_000;

    private final ConcurrentHashMap<String, Resumption> pending = new ConcurrentHashMap<>();

    void add(Resumption resumption) {
        if (pending.size() >= MAX_PENDING) {
            long now = System.nanoTime();
            pending.values().removeIf(entry -> now - entry.requestedAtNanos() > TTL_NANOS);
        }
        if (pending.size() < MAX_PENDING) {
            pending.put(resumption.callSid(), resumption);
        }
    }

    /** The call's pending resumption, taken; null when the call is not resuming here. */
    public Resumption claim(String callSid) {
        Resumption found = pending.remove(callSid);
        return found == null || System.nanoTime() - found.requestedAtNanos() > TTL_NANOS ? null : found;
    }
}
