package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.logs.CallMdc;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * The event loop a call runs on (its caller's socket's): its state is touched from this thread only, so it needs no
 * lock. Timers run their task back on it. Every task runs with the call's log fields in the MDC, taken out again
 * after it: other calls share the thread.
 */
final class CallLoop {

    private final Context context;
    private final Thread thread;
    private final String callSid;
    private final String streamSid;
    private Supplier<String> profile = () -> null;

    /** Binds to the loop of the current thread, which must be a Vert.x event loop. */
    CallLoop(String callSid, String streamSid) {
        this.context = Vertx.currentContext();
        this.thread = Thread.currentThread();
        this.callSid = callSid;
        this.streamSid = streamSid;
    }

    /** Where the {@code profile} log field comes from, once the call's agent exists. */
    void profile(Supplier<String> source) {
        profile = source;
    }

    /** Puts the call's log fields into the MDC until the scope closes; on this loop only. */
    CallMdc.Scope logScope() {
        return CallMdc.enter(callSid, streamSid, profile.get());
    }

    /** Runs the task on this loop (directly when already there). */
    void execute(Runnable task) {
        if (Thread.currentThread() == thread) {
            run(task);
        } else {
            context.runOnContext(ignored -> run(task));
        }
    }

    private void run(Runnable task) {
        try (CallMdc.Scope ignored = logScope()) {
            task.run();
        }
    }

    /** Runs {@code task} on this loop after {@code delayMs} (at least 1); returns the timer's id. */
    long setTimer(long delayMs, Runnable task) {
        return context.owner().setTimer(Math.max(1, delayMs), id -> execute(task));
    }

    /** Cancels a timer; ids below 0 stand for none. */
    void cancelTimer(long id) {
        if (id >= 0) {
            context.owner().cancelTimer(id);
        }
    }
}
