package dev.switchboard.control.history;

import java.time.Instant;

/**
 * One status report for a call, from Twilio's callback ({@code source} twilio), our own dial (api) or the
 * gateway (gateway). {@code dedupeKey} identifies repeats of the same report.
 */
public record StatusReport(String callSid, String status, Integer sequenceNumber, String source, String dedupeKey,
                    Instant at, Long durationMs, String direction, String from, String to) { }
