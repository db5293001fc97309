package dev.switchboard.gateway.bridge;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Answering-machine results ({@code call.amd.result}) that came before their call's stream started here, kept briefly
 * per CallSid and claimed once when it starts. A result for a call that never starts here is simply not claimed;
 * entries older than a stream could take to start are swept out as new ones come.
 */
@ApplicationScoped
public class AmdResults {

    private static final long MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int SWEEP_ABOVE = 1000;
    /** Past this many fresh results (a flood of results for calls that never start here) new ones are dropped. */
    private static final int MAX_HELD = 10_000;

    private record Result(String answeredBy, long at) { }

    private final ConcurrentHashMap<String, Result> results = new ConcurrentHashMap<>();

    void put(String callSid, String answeredBy) {
        long now = System.nanoTime();
        if (results.size() > SWEEP_ABOVE) {
            results.values().removeIf(result -> now - result.at() > MAX_AGE_NANOS);
        }
        if (results.size() < MAX_HELD) {
            results.put(callSid, new Result(answeredBy, now));
        }
    }

    /** The call's result if one came (and is fresh), else null; forgets it either way. */
    String claim(String callSid) {
        Result result = results.remove(callSid);
        return result == null || System.nanoTime() - result.at() > MAX_AGE_NANOS ? null : result.answeredBy();
    }
}
