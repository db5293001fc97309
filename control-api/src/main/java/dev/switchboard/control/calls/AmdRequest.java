package dev.switchboard.control.calls;

import dev.switchboard.contract.link.CallContext;
import dev.switchboard.control.errors.InvalidInputException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code amd} in POST /api/calls: dial with Twilio's asynchronous answering-machine detection and, when a machine
 * answers, hang up ({@code hangup}) or have the agent leave {@code message} ({@code message}). Profiles carry no
 * voicemail message, so {@code message} mode needs it here.
 */
@RegisterForReflection
public record AmdRequest(String mode, String message) {

    /** Longest voicemail message, in characters (it is spoken, so a minute or so at most). */
    static final int MAX_MESSAGE = 1000;

    /** The plan the call's context carries; throws {@link InvalidInputException} (400) naming the field. */
    CallContext.Amd plan() {
        if (mode == null || mode.isBlank()) {
            throw new InvalidInputException("amd.mode", "is required (hangup or message)");
        }
        if (!CallContext.Amd.HANGUP.equals(mode) && !CallContext.Amd.MESSAGE.equals(mode)) {
            throw new InvalidInputException("amd.mode", "must be hangup or message");
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            throw new InvalidInputException("amd.message", "must be at most " + MAX_MESSAGE + " characters");
        }
        if (CallContext.Amd.MESSAGE.equals(mode)) {
            if (message == null || message.isBlank()) {
                throw new InvalidInputException("amd.message", "is required when amd.mode is message");
            }
            return new CallContext.Amd(mode, message);
        }
        return new CallContext.Amd(mode, null);
    }
}
