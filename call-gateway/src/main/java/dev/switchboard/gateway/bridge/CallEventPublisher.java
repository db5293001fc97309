package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.realtime.TokenUsage;
import dev.switchboard.gateway.resume.ConversationFeed;
import dev.switchboard.gateway.resume.Resumption;

import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes one call's events with the data shapes of the internal link contract. */
final class CallEventPublisher {

    private final CallEvents events;
    private final String callSid;
    private final String traceparent;
    private final ConversationFeed conversation;

    /** {@code traceparent}: the call's trace, carried by each event (null when not tracing). */
    CallEventPublisher(CallEvents events, String callSid, String traceparent) {
        this.events = events;
        this.callSid = callSid;
        this.traceparent = traceparent;
        this.conversation = new ConversationFeed(events, callSid);
    }

    /** The call's conversation items, as they enter the Realtime conversation (docs/protocol.md). */
    ConversationFeed conversation() {
        return conversation;
    }

    /** The call goes on here after its stream ended elsewhere (docs/protocol/link-call.resumed.json). */
    void resumed(String streamSid, Resumption resumption, AgentConfig profile) {
        publish(LinkType.CALL_RESUMED, data("streamSid", streamSid, "restoredItems", resumption.items().size(),
                "source", resumption.source(), "agentCut", resumption.agentCut(), "profile", profile.profileName(),
                "profileVersion", profile.version()));
    }

    void started(CallStart start, AgentConfig profile) {
        publish(LinkType.CALL_STARTED, data("direction", start.parameter("direction"), "from", start.parameter("from"),
                "to", start.parameter("to"), "streamSid", start.streamSid(), "profile", profile.profileName(),
                "profileVersion", profile.version()));
    }

    /** {@code usage}: every Realtime response's tokens, summed (docs/protocol/link-call.ended.json). */
    void ended(String reason, long durationMs, TokenUsage usage) {
        publish(LinkType.CALL_ENDED, data("reason", reason, "durationMs", durationMs, "usage", usage.toLink()));
    }

    void callerTranscript(String text, String itemId) {
        conversation.caller(text);
        publish(LinkType.TRANSCRIPT_CALLER, data("text", text, "final", true, "itemId", itemId));
    }

    void agentTranscript(String text, boolean isFinal, String itemId) {
        conversation.agent(text, isFinal, itemId);
        publish(LinkType.TRANSCRIPT_AGENT, data("text", text, "final", isFinal, "itemId", itemId));
    }

    void toolCalled(String name, String callId, String arguments) {
        conversation.functionCall(name, callId, arguments);
        publish(LinkType.TOOL_CALLED, data("name", name, "callId", callId, "arguments", arguments));
    }

    void toolResult(String name, String callId, String output, boolean error) {
        conversation.functionOutput(callId, output);
        Map<String, Object> data = data("name", name, "callId", callId, "output", output);
        if (error) {
            data.put("error", true);
        }
        publish(LinkType.TOOL_RESULT, data);
    }

    void interrupted(String itemId, long audioEndMs) {
        publish(LinkType.CALL_INTERRUPTED, data("itemId", itemId, "audioEndMs", audioEndMs));
    }

    /** The call's speech timings (CallQuality): this event's own, then every one so far. */
    void metrics(Map<String, Object> timings) {
        publish(LinkType.CALL_METRICS, timings);
    }

    /** What answering-machine detection decided; {@code answeredBy} null when no answer came in time. */
    void amd(String answeredBy, String action, boolean timedOut) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("answeredBy", answeredBy);
        data.put("action", action);
        data.put("timedOut", timedOut);
        publish(LinkType.CALL_AMD, data);
    }

    void error(String message) {
        publish(LinkType.CALL_ERROR, data("message", message));
    }

    private void publish(LinkType type, Map<String, Object> data) {
        LinkFrame frame = LinkFrame.of(type, callSid, data);
        events.publish(traceparent == null ? frame : frame.withTraceparent(traceparent));
    }

    /** Key/value pairs in order; a null value becomes an empty string so the contract's fields are always there. */
    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return data;
    }
}
