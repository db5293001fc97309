package dev.switchboard.control.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** One entry of {@code GET /api/profiles/{name}/versions}; {@code deleted}: the profile was deleted at it. */
@RegisterForReflection
public record ProfileVersion(long version, Instant createdAt, boolean deleted) { }
