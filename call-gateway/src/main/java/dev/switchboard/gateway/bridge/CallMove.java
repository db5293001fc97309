package dev.switchboard.gateway.bridge;

import java.util.function.BooleanSupplier;

/**
 * Moves a call off a draining instance: at its next quiet moment (the agent not speaking, the caller silent, no tool
 * at work), and no later than the deadline, the call's stream is closed so Twilio requests the {@code <Connect
 * action>} and another instance resumes the call (docs/faults.md). Runs on the call's loop.
 */
final class CallMove {

    /** How often a call waiting to move checks for a quiet moment. */
    private static final long CHECK_MS = 50;

    private final CallLoop loop;
    private final BooleanSupplier quiet;
    private final BooleanSupplier over;
    private final Runnable move;
    private long until;
    private boolean moving;

    CallMove(CallLoop loop, BooleanSupplier quiet, BooleanSupplier over, Runnable move) {
        this.loop = loop;
        this.quiet = quiet;
        this.over = over;
        this.move = move;
    }

    void within(long deadlineMs) {
        if (moving) {
            return;
        }
        moving = true;
        until = System.nanoTime() + deadlineMs * 1_000_000;
        check();
    }

    private void check() {
        if (over.getAsBoolean()) {
            return;
        }
        if (quiet.getAsBoolean() || System.nanoTime() - until >= 0) {
            move.run();
        } else {
            loop.setTimer(CHECK_MS, this::check);
        }
    }
}
