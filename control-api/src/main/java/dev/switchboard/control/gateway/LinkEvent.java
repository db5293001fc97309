package dev.switchboard.control.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One envelope on the internal link: {@code {"type", "callSid", "at", "data", "seq"}} (architecture.md). {@code seq}
 * numbers a gateway process's call events, so control-api can acknowledge them and drop redelivered ones; it is
 * absent on other frames.
 */
@RegisterForReflection
public record LinkEvent(String type, String callSid, Instant at, Map<String, Object> data,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long seq) {

    public LinkEvent(String type, String callSid, Instant at, Map<String, Object> data) {
        this(type, callSid, at, data, null);
    }

    /** An event stamped now. */
    public static LinkEvent of(String type, String callSid, Map<String, Object> data) {
        return new LinkEvent(type, callSid, Instant.now(), data);
    }
}
