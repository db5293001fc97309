package dev.switchboard.control.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/** One profile in {@code GET /api/profiles}; {@code updatedAt} is null for the built-in default (never stored). */
@RegisterForReflection
public record ProfileSummary(String name, long version, List<String> numbers, Instant updatedAt) { }
