package dev.switchboard.control.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.ConversationItem;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.control.costs.TokenCounts;
import dev.switchboard.control.logs.CallMdc;
import dev.switchboard.control.suppressions.Suppressions;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Persists what gateways report over the link: call lifecycle (inbound calls enter the history here), final
 * transcript lines, tool calls, interruptions, usage and what was done about answering-machine detection.
 * Idempotent: a redelivered event changes nothing.
 * Blocking (JDBC): call it from a worker thread.
 */
@ApplicationScoped
public class CallEventRecorder {

    /** The gateway's call.ended reason when its bridge ended because the call was transferred. */
    static final String TRANSFERRED = "transferred";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final CallStore calls;
    private final CallEventStore events;
    private final CallEndings endings;
    private final ObjectMapper json;
    private final CallConversations conversations;
    private final Suppressions suppressions;

    CallEventRecorder(CallStore calls, CallEventStore events, CallEndings endings, ObjectMapper json,
                      CallConversations conversations, Suppressions suppressions) {
        this.conversations = conversations;
        this.suppressions = suppressions;
        this.calls = calls;
        this.events = events;
        this.endings = endings;
        this.json = json;
    }

    public void record(LinkFrame e) {
        if (e == null || e.callSid() == null || e.callSid().isBlank() || e.type() == null) {
            return;
        }
        Map<String, Object> data = e.data() == null ? Map.of() : e.data();
        Instant at = e.at() == null ? Instant.now() : e.at();
        switch (e.type()) {
            case CALL_STARTED -> started(e.callSid(), data, at);
            case CALL_ENDED -> ended(e.callSid(), data, at);
            case TRANSCRIPT_CALLER -> transcript(e.callSid(), "caller", data, at);
            case TRANSCRIPT_AGENT -> transcript(e.callSid(), "agent", data, at);
            case TOOL_CALLED -> toolCalled(e.callSid(), data, at);
            case TOOL_RESULT -> toolResult(e.callSid(), data, at);
            case CALL_INTERRUPTED -> interrupted(e.callSid(), data, at);
            case CALL_METRICS -> metrics(e.callSid(), data);
            case CONVERSATION_ITEM -> conversationItem(e.callSid(), data, at);
            case CALL_SUPPRESS -> suppressions.fromCall(e.callSid(), text(data, "reason"), at);
            case CALL_AMD -> amd(e.callSid(), data, at);
            default -> CallMdc.run(e.callSid(), () -> Log.debugf("%s not stored", e.type().wire()));
        }
    }

    private void started(String sid, Map<String, Object> data, Instant at) {
        String direction = text(data, "direction");
        calls.apply(new StatusReport(sid, "in-progress", null, "gateway", "gateway:started", at, null,
                direction == null ? "unknown" : direction, text(data, "from"), text(data, "to")));
        // The version the call really runs on, as the gateway resolved it at call start; older gateways send none.
        String profile = text(data, "profile");
        if (profile != null) {
            calls.profile(sid, profile, number(data, "profileVersion"));
        }
    }

    private void amd(String sid, Map<String, Object> data, Instant at) {
        String action = text(data, "action");
        if (action == null || action.isBlank() || action.length() > 16) {
            CallMdc.run(sid, () -> Log.warn("call.amd without a readable action not stored"));
            return;
        }
        String answeredBy = text(data, "answeredBy");
        calls.amdHandled(sid, answeredBy != null && answeredBy.length() > 64 ? null : answeredBy, action,
                Boolean.TRUE.equals(data.get("timedOut")), at);
    }

    private void ended(String sid, Map<String, Object> data, Instant at) {
        String reason = text(data, "reason");
        // A transferred call goes on without us, bridged by the carrier: its status callbacks say when it ends.
        StatusReport report = TRANSFERRED.equals(reason) ? null : new StatusReport(sid, "completed", null, "gateway",
                "gateway:ended", at, number(data, "durationMs"), null, null, null);
        endings.gatewayEnded(sid, report, reason, number(data, "durationMs"), TokenCounts.fromLink(data.get("usage")),
                at);
    }

    private void transcript(String sid, String speaker, Map<String, Object> data, Instant at) {
        String text = text(data, "text");
        if (!Boolean.TRUE.equals(data.get("final")) || text == null) {
            return;   // deltas are for live viewers only
        }
        calls.ensure(sid, "unknown", null, null, at);
        String itemId = text(data, "itemId");
        events.transcript(sid, speaker, itemId != null ? itemId : "at:" + at.toEpochMilli(), text, at);
    }

    private void toolCalled(String sid, Map<String, Object> data, Instant at) {
        calls.ensure(sid, "unknown", null, null, at);
        events.toolCalled(sid, callId(data, at), text(data, "name"), text(data, "arguments"), at);
    }

    private void toolResult(String sid, Map<String, Object> data, Instant at) {
        calls.ensure(sid, "unknown", null, null, at);
        events.toolResult(sid, callId(data, at), text(data, "name"), text(data, "output"), text(data, "error"), at);
    }

    private void interrupted(String sid, Map<String, Object> data, Instant at) {
        calls.ensure(sid, "unknown", null, null, at);
        String itemId = text(data, "itemId");
        events.interruption(sid, itemId != null ? itemId : "at:" + at.toEpochMilli(), number(data, "audioEndMs"), at);
    }

    private void conversationItem(String sid, Map<String, Object> data, Instant at) {
        ConversationItem item = ConversationItem.fromLink(data);
        if (item != null) {
            calls.ensure(sid, "unknown", null, null, at);
            conversations.record(sid, item, at);
        }
    }

    private void metrics(String sid, Map<String, Object> data) {
        calls.ensure(sid, "unknown", null, null, Instant.now());
        Map<String, Object> usage = new HashMap<>(read(events.usage(sid)));
        usage.putAll(data);
        events.usage(sid, write(usage));
    }

    private String callId(Map<String, Object> data, Instant at) {
        String callId = text(data, "callId");
        return callId != null ? callId : "at:" + at.toEpochMilli();
    }

    /** Strings stay as they are; objects (e.g. parsed tool arguments) are kept as their JSON text. */
    private String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return value instanceof Map || value instanceof Iterable ? write(value) : value.toString();
    }

    private static Long number(Map<String, Object> data, String key) {
        return data.get(key) instanceof Number n ? n.longValue() : null;
    }

    private Map<String, Object> read(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be stored", e);
        }
    }
}
