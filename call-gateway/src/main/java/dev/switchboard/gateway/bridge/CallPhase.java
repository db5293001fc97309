package dev.switchboard.gateway.bridge;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phases of one call and the moves between them; {@link CallLifecycle} holds a call's phase and refuses any
 * other move.
 *
 * <pre>
 * CONNECTING ──agent ready──> LIVE
 * CONNECTING, LIVE ──call.transfer──> TRANSFERRING ──call.transfer.failed──> back to CONNECTING or LIVE
 * CONNECTING, LIVE ──goodbye (drain deadline, agent lost for good)──> SAYING_GOODBYE
 * any but ENDED ──hang-up, stream end, timeout──> ENDED
 * </pre>
 *
 * A transferring call takes no goodbye: the agent stays silent while Twilio moves the caller. A call saying goodbye
 * takes no transfer: its conversation is over and it ends once the goodbye has played.
 * <p>
 * Waiting for answering-machine detection is not a phase: it comes and goes independently of the agent's session
 * (the answer may come before the session is ready or long after), so {@link AmdGate} holds the agent within
 * CONNECTING and LIVE, and its outcomes use the moves above (a hang-up is a move to ENDED).
 */
enum CallPhase {
    /**
     * The agent's first session is opening, or (opened when /twiml was answered) being handed to the call; what the
     * caller says waits for it.
     */
    CONNECTING,
    /** Caller and agent are talking. */
    LIVE,
    /** control-api is handing the caller to a person: the agent is silent until Twilio ends the stream. */
    TRANSFERRING,
    /** A recorded goodbye is playing in place of the agent; the call ends once it has played. */
    SAYING_GOODBYE,
    /** Both legs are closed. */
    ENDED;

    /** The phases this one may move to. */
    Set<CallPhase> next() {
        return switch (this) {
            case CONNECTING -> EnumSet.of(LIVE, TRANSFERRING, SAYING_GOODBYE, ENDED);
            case LIVE -> EnumSet.of(TRANSFERRING, SAYING_GOODBYE, ENDED);
            case TRANSFERRING -> EnumSet.of(CONNECTING, LIVE, ENDED);
            case SAYING_GOODBYE -> EnumSet.of(ENDED);
            case ENDED -> EnumSet.noneOf(CallPhase.class);
        };
    }

    boolean canMoveTo(CallPhase phase) {
        return next().contains(phase);
    }

    /** Caller and agent talk: caller audio goes to the agent, the agent's audio and requests go to the caller. */
    boolean conversing() {
        return this == CONNECTING || this == LIVE;
    }

    /** The conversation is over for good: nothing new starts, what waited for it is dropped. */
    boolean over() {
        return this == SAYING_GOODBYE || this == ENDED;
    }
}
