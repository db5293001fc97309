package dev.switchboard.control.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/profiles/{name}/rollback}: the version to store again as the newest. */
@RegisterForReflection
public record RollbackRequest(Long version) { }
