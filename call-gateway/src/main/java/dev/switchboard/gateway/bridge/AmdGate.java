package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import io.quarkus.logging.Log;

import java.util.Optional;

/**
 * Answering-machine detection on one call: when the call's context carries {@code amd}, the agent is held (no
 * greeting, the caller's audio dropped, not buffered) until Twilio's answer arrives on the link or the bound passes,
 * counted from the stream's start; then {@link AmdAction} decides, once, and the call acts. The Realtime session
 * opens meanwhile as usual, so the agent can start at once. A resumed call was decided where it began.
 */
final class AmdGate {

    /** What the decision does to the call. */
    interface Call {
        /** The answer is awaited: drop what the caller said so far and hold the greeting. */
        void hold();

        /** A person (or Twilio cannot tell, or no answer in time): the agent starts with its greeting. */
        void startAgent();

        /** A machine, mode {@code message}: say {@code message} into the voicemail, then hang up. */
        void leaveMessage(String message);

        /** A machine (mode {@code hangup}) or a fax. */
        void hangUp();
    }

    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private final CallEventPublisher publish;
    private final GatewayMetrics metrics;
    private final long boundMs;
    private final long startedAt;
    private final Call call;
    private CallContext.Amd plan;
    private boolean contextKnown;
    private boolean resuming;
    /** A result that came before the context was known. */
    private String early;
    private AmdAction action;
    private long timer = -1;

    AmdGate(CallLoop loop, CallLifecycle lifecycle, CallEventPublisher publish, GatewayMetrics metrics,
            long boundMs, long startedAt, Call call) {
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.publish = publish;
        this.metrics = metrics;
        this.boundMs = boundMs;
        this.startedAt = startedAt;
        this.call = call;
    }

    /** The call resumes a conversation begun elsewhere: detection was done there. */
    void resuming() {
        resuming = true;
    }

    /** The call's context is known (run before the agent's session learns it, so the greeting is held in time). */
    void contextResolved(Optional<CallContext> found) {
        contextKnown = true;
        plan = resuming || lifecycle.over() ? null : found.map(CallContext::amd).orElse(null);
        if (plan == null) {
            if (early != null) {
                Log.infof("answering-machine result %s for a call without detection: ignored", early);
            }
            return;
        }
        call.hold();
        if (early != null) {
            result(early);
        }
        if (action == null) {
            awaitWithinBound();
        }
    }

    private void awaitWithinBound() {
        long left = boundMs - (System.nanoTime() - startedAt) / 1_000_000;
        if (left <= 0) {
            decide(null, AmdAction.AGENT);
        } else {
            timer = loop.setTimer(left, () -> {
                timer = -1;
                decide(null, AmdAction.AGENT);
            });
        }
    }

    /** Twilio's {@code AnsweredBy}, passed on by control-api ({@code call.amd.result}). */
    void result(String answeredBy) {
        if (!contextKnown) {
            early = answeredBy;
        } else if (plan == null) {
            Log.infof("answering-machine result %s for a call without detection: ignored", answeredBy);
        } else if (action != null) {
            Log.infof("answering-machine result %s came after the call was decided (%s): ignored", answeredBy,
                    action.wire);
        } else {
            AmdAction.decide(answeredBy, plan).ifPresentOrElse(decided -> decide(answeredBy, decided),
                    () -> Log.debugf("answering-machine result %s is not final: still waiting", answeredBy));
        }
    }

    /** The model must not hear the caller: the answer is awaited, or a machine is being left a message. */
    boolean holdsCaller() {
        return plan != null && action != AmdAction.AGENT;
    }

    /** Detection is on and its answer not known yet. */
    boolean undecided() {
        return plan != null && action == null;
    }

    void cancel() {
        loop.cancelTimer(timer);
        timer = -1;
    }

    /** {@code answeredBy} null: no answer came within the bound. */
    private void decide(String answeredBy, AmdAction decided) {
        cancel();
        action = decided;
        boolean timedOut = answeredBy == null;
        if (lifecycle.over()) {
            return;
        }
        Log.infof("answering-machine detection: %s -> %s", timedOut ? "no answer within " + boundMs + " ms"
                : answeredBy, decided.wire);
        metrics.amd(AmdAction.tag(answeredBy), decided.wire);
        publish.amd(answeredBy, decided.wire, timedOut);
        switch (decided) {
            case AGENT -> call.startAgent();
            case MESSAGE -> call.leaveMessage(plan.message());
            case HANGUP -> call.hangUp();
        }
    }
}
