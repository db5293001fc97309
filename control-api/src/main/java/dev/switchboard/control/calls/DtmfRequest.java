package dev.switchboard.control.calls;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of POST /api/calls/{sid}/dtmf: the keys to press, in order. */
@RegisterForReflection
public record DtmfRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[0-9*#]{1,32}", message = "must be 1 to 32 of the keys 0-9, * and #") String digits) { }
