package dev.switchboard.control.webhooks;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/** The JSON body of one webhook delivery; {@code sequence} counts the call's events from 1. */
@RegisterForReflection
public record WebhookMessage(String type, String id, String callSid, int sequence, Instant at,
                             Map<String, Object> data) { }
