package dev.switchboard.control.gateway;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.switchboard.control.support.Api.KEY;
import static dev.switchboard.control.support.Api.TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

@QuarkusTest
class LinkAcknowledgementTest extends SocketTest {

    @Test
    void acknowledgesEachEventOnceStoredAndAnswersHelloWithWhereToResume() throws Exception {
        String boot = UUID.randomUUID().toString();
        String call = Calls.sid();
        try (TestSocket gateway = link()) {
            assertThat(hello(gateway, boot)).isZero();
            gateway.send(numbered("call.started", call, new JsonObject().put("direction", "inbound"), 1));
            gateway.send(numbered("transcript.caller", call, line("first", "i1"), 2));
            gateway.send(numbered("transcript.agent", call, line("second", "i2"), 3));
            awaitAck(gateway, 3);
            given().auth().oauth2("test-api-key").get("/api/calls/{sid}", call).then().statusCode(200)
                    .body("transcript.text", contains("first", "second"));
        }
        try (TestSocket again = link()) {
            assertThat(hello(again, boot)).isEqualTo(3);
        }
    }

    @Test
    void showsAndStoresAnEventSentAgainAfterALinkDropOnlyOnce() throws Exception {
        String boot = UUID.randomUUID().toString();
        String call = Calls.sid();
        try (TestSocket watcher = TestSocket.open(VERTX, base, "/logs?callSid=" + call, KEY)) {
            try (TestSocket gateway = link()) {
                hello(gateway, boot);
                gateway.send(numbered("call.started", call, new JsonObject(), 1));
                gateway.send(numbered("transcript.caller", call, line("once", "i1"), 2));
                awaitAck(gateway, 2);
            }
            try (TestSocket gateway = link()) {
                hello(gateway, boot);
                gateway.send(numbered("transcript.caller", call, line("once", "i1"), 2));
                gateway.send(numbered("transcript.agent", call, line("new", "i2"), 3));
                awaitAck(gateway, 3);
            }
            assertThat(List.of(watcher.nextFor(call), watcher.nextFor(call), watcher.nextFor(call))).extracting(
                    e -> e.getString("type") + " " + e.getJsonObject("data").getString("text")).containsExactly(
                    "call.started null", "transcript.caller once", "transcript.agent new");
            given().auth().oauth2("test-api-key").get("/api/calls/{sid}", call).then().statusCode(200)
                    .body("transcript.text", contains("once", "new"));
        }
    }

    @Test
    void acknowledgesAnEventThatCanNeverBeStoredAndKeepsTheLink() throws Exception {
        String call = Calls.sid();
        try (TestSocket gateway = link()) {
            hello(gateway, UUID.randomUUID().toString());
            gateway.send(numbered("transcript.caller", call, line("unstorable", "x".repeat(500)), 1));
            gateway.send(numbered("transcript.caller", call, line("stored", "i2"), 2));
            awaitAck(gateway, 2);
            assertThat(gateway.isClosed()).isFalse();
            given().auth().oauth2("test-api-key").get("/api/calls/{sid}", call).then().statusCode(200)
                    .body("transcript.text", contains("stored"));
        }
    }

    private TestSocket link() throws InterruptedException {
        TestSocket gateway = TestSocket.open(VERTX, base, "/internal/gateway", TOKEN);
        assertThat(gateway.next().getString("type")).isEqualTo("config.snapshot");
        return gateway;
    }

    /** Says hello as a gateway process and returns control-api's answer: the last event it stored from it. */
    private static long hello(TestSocket gateway, String boot) throws InterruptedException {
        gateway.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", "gw-" + boot)
                .put("bootId", boot).put("capacity", 10)));
        JsonObject ack = gateway.next();
        assertThat(ack.getString("type")).isEqualTo("link.ack");
        return ack.getJsonObject("data").getLong("seq");
    }

    private static void awaitAck(TestSocket gateway, long seq) throws InterruptedException {
        while (true) {
            JsonObject frame = gateway.next();
            if ("link.ack".equals(frame.getString("type")) && frame.getJsonObject("data").getLong("seq") >= seq) {
                return;
            }
        }
    }

    private static JsonObject numbered(String type, String call, JsonObject data, long seq) {
        return TestSocket.event(type, call, data).put("seq", seq);
    }

    private static JsonObject line(String text, String itemId) {
        return new JsonObject().put("text", text).put("final", true).put("itemId", itemId);
    }
}
