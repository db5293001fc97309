package dev.switchboard.gateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One event about a call, in the internal link's envelope shape:
 * {@code {"type": "...", "callSid": "...", "at": "ISO-8601", "data": {...}, "seq": n}}. {@code seq} numbers the
 * events one gateway process sends (control-api acknowledges them by it); it is absent on frames that are not
 * acknowledged (hello, and everything control-api sends).
 */
@RegisterForReflection
public record CallEvent(String type, String callSid, Instant at, Map<String, Object> data,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long seq) {

    public CallEvent(String type, String callSid, Instant at, Map<String, Object> data) {
        this(type, callSid, at, data, null);
    }

    public static CallEvent of(String type, String callSid, Map<String, Object> data) {
        return new CallEvent(type, callSid, Instant.now(), data);
    }

    /** The same event numbered for the link. */
    public CallEvent withSeq(long number) {
        return new CallEvent(type, callSid, at, data, number);
    }
}
