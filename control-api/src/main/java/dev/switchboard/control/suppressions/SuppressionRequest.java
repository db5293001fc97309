package dev.switchboard.control.suppressions;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Optional body of PUT /api/suppressions/{number}; {@code reason} is at most 500 characters. */
@RegisterForReflection
public record SuppressionRequest(String reason) { }
