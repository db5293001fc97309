package dev.switchboard.control.suppressions;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One page of the suppression list, newest first; {@code total} counts every suppressed number. */
@RegisterForReflection
public record SuppressionPage(List<Suppression> items, int page, int size, long total) { }
