package dev.switchboard.control.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.control.config.TransferTargets;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Body of POST /api/calls. {@code from} defaults to TWILIO_FROM_NUMBER; {@code instructions} and
 * {@code variables} are this call's own context; the flags override the configured defaults; {@code profile} names
 * the agent profile the call runs on (absent: {@code default}); {@code amd} asks for answering-machine detection
 * ({@link AmdRequest}).
 */
@RegisterForReflection
public record PlaceCallRequest(
        @NotNull(message = "is required") @Pattern(regexp = E164, message = "must be an E.164 number like +14155550123")
        String to,
        @Pattern(regexp = E164, message = "must be an E.164 number like +14155550123") String from,
        @Size(max = 32_000, message = "must be at most 32000 characters") String instructions,
        @Size(max = 50, message = "must have at most 50 entries") Map<String, Object> variables,
        Boolean machineDetection,
        Boolean record,
        String profile,
        // Left out of the idempotency hash when absent, so keys stored before amd existed still match.
        @JsonInclude(JsonInclude.Include.NON_NULL) AmdRequest amd) {

    /** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
    public static final String E164 = TransferTargets.E164_NUMBER;
}
