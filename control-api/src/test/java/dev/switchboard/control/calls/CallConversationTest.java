package dev.switchboard.control.calls;

import dev.switchboard.contract.link.ConversationItem;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.control.history.CallEventRecorder;
import dev.switchboard.control.history.CallEventStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Api.internal;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** GET /internal/calls/{sid}/conversation: what a gateway resuming a call gets (docs/api.md). */
@QuarkusTest
class CallConversationTest {

    @Inject
    CallEventRecorder recorder;

    @Inject
    CallEventStore events;

    private String sid;
    private String profile;
    private final Instant start = Instant.now();

    @BeforeEach
    void aLiveCallOnAProfile() {
        sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        profile = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(JSON).body("""
                {"instructions": "You sell boats.", "voice": "cedar", "tools": []}""")
                .put("/api/profiles/{name}", profile).then().statusCode(201);
        frame(LinkType.CALL_STARTED, 0, Map.of("direction", "inbound", "from", "+15005550001", "to", "+15005550006",
                "streamSid", "MZ1", "profile", profile, "profileVersion", 1));
    }

    private void frame(LinkType type, int second, Map<String, Object> data) {
        recorder.record(new LinkFrame(type, sid, start.plusSeconds(second), data));
    }

    private void item(int second, ConversationItem item) {
        frame(LinkType.CONVERSATION_ITEM, second, item.toLink());
    }

    @Test
    void servesTheItemsInOrderWithTheProfileVersionTheCallRunsOn() {
        item(3, ConversationItem.functionCall(2, "lookup_order", "call_1", "{\"order_id\":\"4217\"}"));
        item(1, ConversationItem.message(0, "assistant", "completed", "Hello, how can I help?"));
        item(2, ConversationItem.message(1, "user", "completed", "Where is my order?"));
        item(4, ConversationItem.functionCallOutput(3, "call_1", "{\"status\":\"shipped\"}"));

        internal().get("/internal/calls/{sid}/conversation", sid).then().statusCode(200)
                .body("callSid", is(sid), "profile", is(profile), "profileVersion", is(1),
                        "config.instructions", is("You sell boats."), "ending", nullValue(),
                        "items.index", contains(0, 1, 2, 3),
                        "items.itemType", contains("message", "message", "function_call", "function_call_output"),
                        "items[0].role", is("assistant"), "items[1].text", is("Where is my order?"),
                        "items[2].name", is("lookup_order"), "items[2].callId", is("call_1"),
                        "items[2].arguments", is("{\"order_id\":\"4217\"}"),
                        "items[3].output", is("{\"status\":\"shipped\"}"));
    }

    @Test
    void anAssistantMessageIsCompletedUnderItsIndexAndNeverSetBackInProgress() {
        item(1, ConversationItem.message(0, "assistant", "in_progress", null));
        internal().get("/internal/calls/{sid}/conversation", sid).then().statusCode(200)
                .body("items[0].status", is("in_progress"));

        item(2, ConversationItem.message(0, "assistant", "completed", "Hello there."));
        item(1, ConversationItem.message(0, "assistant", "in_progress", null));

        internal().get("/internal/calls/{sid}/conversation", sid).then().statusCode(200)
                .body("items.size()", is(1), "items[0].status", is("completed"), "items[0].text", is("Hello there."));
    }

    @Test
    void aCallItsGatewayEndedMustEnd() {
        frame(LinkType.CALL_ENDED, 5, Map.of("reason", "agent-hung-up", "durationMs", 5000));

        internal().get("/internal/calls/{sid}/conversation", sid).then().statusCode(200)
                .body("ending.reason", is("agent-hung-up"), "ending.transferTarget", nullValue());
    }

    @Test
    void aTransferredCallEndsWithItsTarget() {
        events.transfer(sid, "+15005550009", "wants a human", "agent", start.plusSeconds(4));

        internal().get("/internal/calls/{sid}/conversation", sid).then().statusCode(200)
                .body("ending.reason", is("transferred"), "ending.transferTarget", is("+15005550009"));
    }

    @Test
    void anUnknownCallIs404AndTheInternalTokenIsRequired() {
        internal().get("/internal/calls/{sid}/conversation", "CAnope").then().statusCode(404);
        given().get("/internal/calls/{sid}/conversation", sid).then().statusCode(401);
    }
}
