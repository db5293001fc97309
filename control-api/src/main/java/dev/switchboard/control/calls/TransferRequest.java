package dev.switchboard.control.calls;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/calls/{sid}/transfer: where to, and optionally why (kept in the call's history). */
@RegisterForReflection
public record TransferRequest(
        @NotNull(message = "is required") String target,
        @Size(max = 500, message = "must be at most 500 characters") String reason) { }
