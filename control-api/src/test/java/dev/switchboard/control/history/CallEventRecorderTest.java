package dev.switchboard.control.history;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.control.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class CallEventRecorderTest {

    @Inject
    CallEventRecorder recorder;

    private final Instant start = Instant.parse("2026-11-21T10:00:00Z");

    private LinkFrame event(String type, String sid, int second, Map<String, Object> data) {
        return new LinkFrame(LinkType.fromWire(type), sid, start.plusSeconds(second), data);
    }

    private List<LinkFrame> inboundCall(String sid, String caller) {
        return List.of(
                event("call.started", sid, 0, Map.of("direction", "inbound", "from", caller, "to", "+15005550006",
                        "streamSid", "MZ1")),
                event("transcript.agent", sid, 1, Map.of("text", "Hello! How can I help?", "final", true,
                        "itemId", "item_a1")),
                event("transcript.caller", sid, 2, Map.of("text", "Where is my", "final", false, "itemId", "item_c1")),
                event("transcript.caller", sid, 3, Map.of("text", "Where is my order?", "final", true,
                        "itemId", "item_c1")),
                event("tool.called", sid, 4, Map.of("name", "lookup_order", "callId", "call_1",
                        "arguments", "{\"orderId\":\"A-17\"}")),
                event("tool.result", sid, 5, Map.of("name", "lookup_order", "callId", "call_1",
                        "output", "{\"status\":\"shipped\"}")),
                event("call.interrupted", sid, 6, Map.of("itemId", "item_a2", "audioEndMs", 1200)),
                event("call.metrics", sid, 7, Map.of("turnLatencyMs", 640, "inputTokens", 1200,
                        "firstAudioMs", 910, "turnLatenciesMs", List.of(640), "bargeInsMs", List.of())),
                event("call.metrics", sid, 8, Map.of("outputTokens", 300, "bargeInMs", 4, "firstAudioMs", 910,
                        "turnLatenciesMs", List.of(640), "bargeInsMs", List.of(4))),
                event("call.ended", sid, 9, Map.of("reason", "caller hung up", "durationMs", 9000)));
    }

    @Test
    void inboundCallIsRecordedWithTranscriptToolsAndUsage() {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        String caller = Calls.uniqueNumber();

        inboundCall(sid, caller).forEach(recorder::record);

        api().get("/api/calls/{sid}", sid).then().statusCode(200)
                .body("direction", is("inbound"), "from", is(caller), "status", is("completed"),
                        "durationMs", is(9000), "endReason", is("caller hung up"),
                        "timeline.status", contains("in-progress", "completed"),
                        "transcript.speaker", contains("agent", "caller"),
                        "transcript[1].text", is("Where is my order?"),
                        "toolCalls[0].name", is("lookup_order"), "toolCalls[0].arguments", is("{\"orderId\":\"A-17\"}"),
                        "toolCalls[0].output", is("{\"status\":\"shipped\"}"),
                        "interruptions[0].audioEndMs", is(1200),
                        "usage.turnLatencyMs", is(640), "usage.inputTokens", is(1200), "usage.outputTokens", is(300),
                        "usage.firstAudioMs", is(910), "usage.turnLatenciesMs", contains(640),
                        "usage.bargeInsMs", contains(4));
        api().queryParam("number", caller).get("/api/calls").then().body("items.sid", hasItem(sid));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        List<LinkFrame> events = inboundCall(sid, Calls.uniqueNumber());

        events.forEach(recorder::record);
        events.forEach(recorder::record);

        api().get("/api/calls/{sid}", sid).then().statusCode(200)
                .body("timeline", hasSize(2), "transcript", hasSize(2), "toolCalls", hasSize(1),
                        "interruptions", hasSize(1), "status", is("completed"));
    }

    @Test
    void eventsWithoutACallSidOrOfOtherTypesAreIgnored() {
        recorder.record(new LinkFrame(LinkType.TRANSCRIPT_CALLER, null, start, Map.of("text", "x", "final", true)));
        recorder.record(new LinkFrame(LinkType.GATEWAY_HELLO, "CAnone", start, Map.of("capacity", 10)));
        recorder.record(null);

        api().get("/api/calls/CAnone").then().statusCode(404);
    }
}
