package dev.switchboard.control.history;

import java.time.Instant;

/** History filter; null fields match everything. {@code number} matches part of either party's number. */
public record CallFilter(String number, String status, Instant since, Instant until) { }
