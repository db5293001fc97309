package dev.switchboard.gateway.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs what waits for the agent's farewell (hanging up, asking for a transfer): once the current response is done and
 * Twilio has echoed the mark after its last audio (so the caller heard it all), or after a timeout if the echo never
 * comes.
 */
final class Farewell {

    private final CallBridge call;
    private final List<Runnable> pending = new ArrayList<>();
    private long timer = -1;

    Farewell(CallBridge call) {
        this.call = call;
    }

    /** Runs {@code then} on the call's loop once the agent's current speech has played. */
    void request(Runnable then) {
        if (call.ended()) {
            return;
        }
        pending.add(then);
        if (timer < 0) {
            long timeoutMs = call.services.config().limits().farewellTimeout().toMillis();
            timer = call.vertx().setTimer(timeoutMs, id -> call.execute(this::fire));
        }
        check();
    }

    /** Runs what waits when a farewell was requested and has fully played. */
    void check() {
        if (!pending.isEmpty() && call.responses.idle() && call.playback.outstanding() == 0 && !call.sayingGoodbye()) {
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
            if (!call.ended()) {
                then.run();
            }
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            call.vertx().cancelTimer(timer);
            timer = -1;
        }
    }
}
