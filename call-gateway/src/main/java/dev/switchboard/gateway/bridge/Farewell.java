package dev.switchboard.gateway.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs what waits for the agent's farewell (hanging up, asking for a transfer): once the current response is done and
 * Twilio has echoed the mark after its last audio (so the caller heard it all), or after a timeout if the echo never
 * comes.
 */
final class Farewell {

    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private final BooleanSupplier played;
    private final long timeoutMs;
    private final List<Runnable> pending = new ArrayList<>();
    private long timer = -1;

    /** {@code played}: no response runs or waits, and all the agent's audio has played. */
    Farewell(CallLoop loop, CallLifecycle lifecycle, BooleanSupplier played, Duration timeout) {
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.played = played;
        this.timeoutMs = timeout.toMillis();
    }

    /** Runs {@code then} on the call's loop once the agent's current speech has played. */
    void request(Runnable then) {
        request(then, timeoutMs);
    }

    /** As {@link #request(Runnable)}, for speech that may take longer than a farewell: waits at most {@code waitMs}. */
    void request(Runnable then, long waitMs) {
        if (lifecycle.over()) {
            return;
        }
        pending.add(then);
        if (timer < 0) {
            timer = loop.setTimer(waitMs, this::fire);
        }
        check();
    }

    /** Runs what waits when a farewell was requested and has fully played. */
    void check() {
        if (!pending.isEmpty() && played.getAsBoolean() && !lifecycle.over()) {
            fire();
        }
    }

    /** Forgets what waits (the call ends, or control-api moved it elsewhere). */
    void cancel() {
        pending.clear();
        cancelTimer();
    }

    private void fire() {
        cancelTimer();
        List<Runnable> due = List.copyOf(pending);
        pending.clear();
        for (Runnable then : due) {
            if (!lifecycle.over()) {
                then.run();
            }
        }
    }

    private void cancelTimer() {
        loop.cancelTimer(timer);
        timer = -1;
    }
}
