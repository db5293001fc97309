package dev.switchboard.control.gateway;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/** One envelope on the internal link: {@code {"type", "callSid", "at", "data"}} (architecture.md). */
@RegisterForReflection
public record LinkEvent(String type, String callSid, Instant at, Map<String, Object> data) {

    /** An event stamped now. */
    public static LinkEvent of(String type, String callSid, Map<String, Object> data) {
        return new LinkEvent(type, callSid, Instant.now(), data);
    }
}
