package dev.switchboard.control.history;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One page of the call history, newest first; {@code total} counts all calls matching the filter. */
@RegisterForReflection
public record CallPage(List<CallView> items, int page, int size, long total) { }
