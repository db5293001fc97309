package dev.switchboard.gateway.bridge;

import io.quarkus.logging.Log;

/**
 * One call's {@link CallPhase}: the single answer to "is this call still …?". A move the phase table does not allow
 * is refused and logged; the phase stays as it was. Runs on the call's event loop like the rest of the call.
 */
final class CallLifecycle {

    private final String callSid;
    private CallPhase phase = CallPhase.CONNECTING;
    /** Where a transfer that fails gives the call back to. */
    private CallPhase beforeTransfer;

    CallLifecycle(String callSid) {
        this.callSid = callSid;
    }

    CallPhase phase() {
        return phase;
    }

    boolean is(CallPhase phase) {
        return this.phase == phase;
    }

    /** See {@link CallPhase#conversing()}. */
    boolean conversing() {
        return phase.conversing();
    }

    /** See {@link CallPhase#over()}. */
    boolean over() {
        return phase.over();
    }

    boolean ended() {
        return phase == CallPhase.ENDED;
    }

    /** Moves to {@code next} if the table allows it; returns whether it did. */
    boolean moveTo(CallPhase next) {
        if (!phase.canMoveTo(next)) {
            if (phase == next || phase == CallPhase.ENDED) {
                Log.debugf("already %s: %s is moot", phase, next);
            } else {
                Log.infof("a %s call cannot become %s: refused", phase, next);
            }
            return false;
        }
        if (next == CallPhase.TRANSFERRING) {
            beforeTransfer = phase;
        }
        Log.debugf("%s -> %s", phase, next);
        phase = next;
        return true;
    }

    /** The agent's session is ready: a connecting call goes live (or will, if its transfer fails). */
    void agentReady() {
        if (phase == CallPhase.CONNECTING) {
            moveTo(CallPhase.LIVE);
        } else if (phase == CallPhase.TRANSFERRING && beforeTransfer == CallPhase.CONNECTING) {
            beforeTransfer = CallPhase.LIVE;
        }
    }

    /** The transfer did not go through: the call goes back to where it was; false if it was not transferring. */
    boolean transferFailed() {
        return phase == CallPhase.TRANSFERRING && moveTo(beforeTransfer);
    }
}
