package dev.switchboard.gateway.bridge;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The event loop a call runs on (its caller's socket's): its state is touched from this thread only, so it needs no
 * lock. Timers run their task back on it.
 */
final class CallLoop {

    private final Context context;
    private final Thread thread;

    /** Binds to the loop of the current thread, which must be a Vert.x event loop. */
    CallLoop() {
        this.context = Vertx.currentContext();
        this.thread = Thread.currentThread();
    }

    /** Runs the task on this loop (directly when already there). */
    void execute(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
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
