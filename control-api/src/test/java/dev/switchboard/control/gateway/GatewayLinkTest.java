package dev.switchboard.control.gateway;

import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static dev.switchboard.control.support.Api.KEY;
import static dev.switchboard.control.support.Api.TOKEN;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * The gateway link and /logs as a gateway and a console see them: sockets and HTTP only, no beans, so GatewayLinkIT
 * runs the same tests against the packaged control-api (the native executable with -Dnative).
 */
@QuarkusTest
class GatewayLinkTest extends SocketTest {

    @Test
    void refusesLinkWithWrongToken() {
        assertThatThrownBy(() -> TestSocket.open(VERTX, base, "/internal/gateway", Map.of("Authorization", "Bearer nope")))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(401));
    }

    @Test
    void refusesLinkWithoutToken() {
        assertThatThrownBy(() -> TestSocket.open(VERTX, base, "/internal/gateway", Map.of()))
                .hasCauseInstanceOf(UpgradeRejectedException.class);
    }

    @Test
    void sendsTheCurrentConfigAsSnapshotOnConnect() throws Exception {
        try (TestSocket gateway = link()) {
            JsonObject snapshot = gateway.next();
            assertThat(snapshot.getString("type")).isEqualTo("config.snapshot");
            assertThat(snapshot.getString("at")).isNotBlank();
            JsonObject config = snapshot.getJsonObject("data").getJsonObject("config");
            JsonObject current = new JsonObject(given().auth().oauth2("test-api-key").get("/api/config")
                    .then().statusCode(200).extract().asString());
            assertThat(config.getLong("version")).isEqualTo(current.getLong("version"));
            assertThat(config.getString("instructions")).isEqualTo(current.getString("instructions"));
        }
    }

    @Test
    void pushesAnAcceptedConfigChangeToEveryLinkedGateway() throws Exception {
        try (TestSocket first = link(); TestSocket second = link()) {
            first.next();
            second.next();
            long version = given().auth().oauth2("test-api-key").contentType(JSON).body("""
                    {"instructions": "Pushed over the link.", "voice": "cedar", "greeting": "Hi!", "tools": []}""")
                    .put("/api/config").then().statusCode(200).extract().jsonPath().getLong("version");
            for (TestSocket gateway : new TestSocket[] { first, second }) {
                JsonObject update = gateway.next();
                assertThat(update.getString("type")).isEqualTo("config.updated");
                JsonObject config = update.getJsonObject("data").getJsonObject("config");
                assertThat(config.getLong("version")).isEqualTo(version);
                assertThat(config.getString("instructions")).isEqualTo("Pushed over the link.");
            }
        }
    }

    @Test
    void recordsLinkEventsInTheCallHistoryInOrder() throws Exception {
        String call = sid();
        try (TestSocket gateway = link()) {
            gateway.next();
            gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "inbound")
                    .put("from", "+15005550006").put("to", "+15005550001")));
            for (int i = 0; i < 5; i++) {
                gateway.send(TestSocket.event("transcript.caller", call,
                        new JsonObject().put("text", "line " + i).put("final", true).put("itemId", "item-" + i)));
            }
            await().untilAsserted(() -> given().auth().oauth2("test-api-key").get("/api/calls/{sid}", call)
                    .then().statusCode(200).body("direction", is("inbound"),
                            "transcript.text", contains("line 0", "line 1", "line 2", "line 3", "line 4")));
            gateway.send(TestSocket.event("call.ended", call, new JsonObject().put("reason", "test")));
        }
    }

    @Test
    void relaysWhatTheGatewaySendsToLogsClientsInOrder() throws Exception {
        String call = sid();
        try (TestSocket gateway = link()) {
            gateway.next();
            gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "outbound")));
            // Joins after call.started: the hub replays a live call's recent events, then every later one, once.
            try (TestSocket console = TestSocket.open(VERTX, base, "/logs?callSid=" + call, KEY)) {
                JsonObject started = console.nextFor(call);
                assertThat(started.getString("type")).isEqualTo("call.started");
                assertThat(started.getJsonObject("data").getString("direction")).isEqualTo("outbound");
                for (int i = 0; i < 3; i++) {
                    gateway.send(TestSocket.event("transcript.agent", call,
                            new JsonObject().put("text", "word " + i).put("final", true).put("itemId", "item-" + i)));
                }
                gateway.send(TestSocket.event("tool.called", call, new JsonObject().put("name", "lookup_order")
                        .put("callId", "tool-1").put("arguments", "{\"order\":\"4217\"}")));
                gateway.send(TestSocket.event("call.ended", call, new JsonObject().put("reason", "test")));
                for (int i = 0; i < 3; i++) {
                    JsonObject transcript = console.nextFor(call);
                    assertThat(transcript.getString("type")).isEqualTo("transcript.agent");
                    assertThat(transcript.getJsonObject("data").getString("text")).isEqualTo("word " + i);
                }
                JsonObject tool = console.nextFor(call);
                assertThat(tool.getString("type")).isEqualTo("tool.called");
                assertThat(tool.getJsonObject("data").getString("name")).isEqualTo("lookup_order");
                assertThat(console.nextFor(call).getString("type")).isEqualTo("call.ended");
            }
        }
    }

    private TestSocket link() {
        return TestSocket.open(VERTX, base, "/internal/gateway", TOKEN);
    }

    static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
