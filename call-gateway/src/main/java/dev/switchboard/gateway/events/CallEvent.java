package dev.switchboard.gateway.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One event about a call, in the internal link's envelope shape:
 * {@code {"type": "...", "callSid": "...", "at": "ISO-8601", "data": {...}}}.
 */
@RegisterForReflection
public record CallEvent(String type, String callSid, Instant at, Map<String, Object> data) {

    public static CallEvent of(String type, String callSid, Map<String, Object> data) {
        return new CallEvent(type, callSid, Instant.now(), data);
    }
}
