package dev.switchboard.control.calls;

import java.util.List;

/** One page of the call history, newest first; {@code total} counts all calls matching the filter. */
public record CallPage(List<CallView> items, int page, int size, long total) { }
