package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * The one envelope of the internal link (docs/architecture.md): {@code {"type", "callSid", "at", "data", "seq", "traceparent"}}.
 * {@code seq} numbers the call events one gateway process sends, so control-api can acknowledge them and drop one
 * sent again after a link drop; it is absent on every other frame. A frame without a type is {@link LinkType#UNKNOWN},
 * so a receiver can ignore it like any other frame it does not know. {@code traceparent} (W3C Trace Context, see
 * {@link Traceparent}) is the call's trace when the sender traces, absent otherwise (docs/operations.md, "Tracing").
 */
public record LinkFrame(LinkType type, String callSid, Instant at, Map<String, Object> data,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long seq,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public LinkFrame {
        type = type == null ? LinkType.UNKNOWN : type;
    }

    /** A frame without a trace. */
    public LinkFrame(LinkType type, String callSid, Instant at, Map<String, Object> data, Long seq) {
        this(type, callSid, at, data, seq, null);
    }

    /** A frame that is not numbered. */
    public LinkFrame(LinkType type, String callSid, Instant at, Map<String, Object> data) {
        this(type, callSid, at, data, null);
    }

    /** A frame stamped now. */
    public static LinkFrame of(LinkType type, String callSid, Map<String, Object> data) {
        return new LinkFrame(type, callSid, Instant.now(), data);
    }

    /** The same frame numbered for the link. */
    public LinkFrame withSeq(long number) {
        return new LinkFrame(type, callSid, at, data, number, traceparent);
    }

    /** The same frame in the trace {@code parent} (a traceparent value, or null for none). */
    public LinkFrame withTraceparent(String parent) {
        return new LinkFrame(type, callSid, at, data, seq, parent);
    }
}
