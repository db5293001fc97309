package dev.switchboard.control.gateway;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One frame of the internal link, in both directions:
 * {@code {"type": "...", "callSid": "...", "at": "ISO-8601", "data": {...}}}.
 */
@RegisterForReflection
public record LinkEvent(String type, String callSid, Instant at, Map<String, Object> data) {

    public static LinkEvent of(String type, String callSid, Map<String, Object> data) {
        return new LinkEvent(type, callSid, Instant.now(), data);
    }

    /** Whether this is a transcript fragment that a later final transcript replaces. */
    public boolean isTranscriptDelta() {
        return type != null && type.startsWith("transcript.") && data != null && Boolean.FALSE.equals(data.get("final"));
    }
}
