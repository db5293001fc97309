package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.CallContext;

import java.util.Optional;
import java.util.Set;

/**
 * What a call dialed with answering-machine detection does once Twilio's {@code AnsweredBy} is known: the agent
 * starts for a person (or when Twilio cannot tell), says the voicemail message or hangs up for a machine, hangs up on
 * a fax. {@code wire} is the {@code action} of the {@code call.amd} event.
 */
enum AmdAction {
    AGENT("agent"),
    MESSAGE("message"),
    HANGUP("hangup");

    /** Twilio's {@code AnsweredBy} for a machine whose greeting has ended (DetectMessageEnd). */
    private static final Set<String> MACHINE_ENDED = Set.of("machine_end_beep", "machine_end_silence",
            "machine_end_other");

    final String wire;

    AmdAction(String wire) {
        this.wire = wire;
    }

    /**
     * The action for {@code answeredBy} under {@code plan}; empty for {@code machine_start}, which is not final with
     * DetectMessageEnd. Unknown values count as {@code unknown}; a message mode without a message hangs up.
     */
    static Optional<AmdAction> decide(String answeredBy, CallContext.Amd plan) {
        if ("machine_start".equals(answeredBy)) {
            return Optional.empty();
        }
        if ("fax".equals(answeredBy)) {
            return Optional.of(HANGUP);
        }
        if (!MACHINE_ENDED.contains(answeredBy)) {
            return Optional.of(AGENT);
        }
        return Optional.of(leavesMessage(plan) ? MESSAGE : HANGUP);
    }

    /** Twilio's value as a metric tag: the values Twilio documents, anything else {@code unknown}. */
    static String tag(String answeredBy) {
        return answeredBy == null ? "none"
                : "human".equals(answeredBy) || "fax".equals(answeredBy) || "machine_start".equals(answeredBy)
                || MACHINE_ENDED.contains(answeredBy) ? answeredBy : "unknown";
    }

    private static boolean leavesMessage(CallContext.Amd plan) {
        return CallContext.Amd.MESSAGE.equals(plan.mode()) && plan.message() != null && !plan.message().isBlank();
    }
}
