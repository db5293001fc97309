package dev.switchboard.control.suppressions;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;

/** Optional body of PUT /api/suppressions/{number}. */
@RegisterForReflection
public record SuppressionRequest(@Size(max = 500, message = "must be at most 500 characters") String reason) { }
