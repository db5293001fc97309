package dev.switchboard.gateway.bridge;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When this instance answered /twiml for each call, so that a call's first-audio time counts from there (the caller
 * is already on the line). A call whose stream starts on another instance, or never, is simply not found; entries
 * older than the stream could take are swept out as new ones come.
 */
@ApplicationScoped
public class TwimlAnswers {

    private static final long MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final int SWEEP_ABOVE = 1000;

    private final ConcurrentHashMap<String, Long> answered = new ConcurrentHashMap<>();

    /** /twiml was answered with a media stream for {@code callSid}. */
    public void answered(String callSid) {
        long now = System.nanoTime();
        if (answered.size() > SWEEP_ABOVE) {
            answered.values().removeIf(at -> now - at > MAX_AGE_NANOS);
        }
        answered.put(callSid, now);
    }

    /** When /twiml was answered for the call (System.nanoTime()), else {@code otherwise}; forgets the call. */
    long claim(String callSid, long otherwise) {
        Long at = answered.remove(callSid);
        return at == null || System.nanoTime() - at > MAX_AGE_NANOS ? otherwise : at;
    }
}
