package dev.switchboard.control.history;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A call as listed in the history and returned by POST /api/calls; {@code profile} and {@code profileVersion}: the
 * agent profile it runs on (null until known: an inbound call's come with the gateway's call.started);
 * {@code answeredBy}: Twilio's answering-machine detection result, {@code amdAction}: what the gateway did about it
 * (agent, message or hangup; null for a call without detection).
 */
@RegisterForReflection
public record CallView(String sid, String direction, String from, String to, String status, Instant createdAt,
                       Instant startedAt, Instant endedAt, Long durationMs, String profile, Long profileVersion,
                       String answeredBy, String amdAction) { }
