package dev.switchboard.control.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One attempt to deliver an event. {@code outcome}: delivered (2xx), retrying (will be tried again), failed (no
 * longer tried: retries exhausted, or 410 Gone, which also disabled the subscription).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(String eventType, String eventId, String callSid, int attempt, Integer statusCode,
                              String error, String outcome, Instant at) { }
