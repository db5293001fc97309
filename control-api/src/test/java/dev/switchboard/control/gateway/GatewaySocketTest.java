package dev.switchboard.control.gateway;

import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.config.ConfigUpdated;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class GatewaySocketTest {

    static final Map<String, String> TOKEN = Map.of("Authorization", "Bearer test-internal-token");
    static final Vertx VERTX = Vertx.vertx();

    @TestHTTPResource("/")
    URI base;

    @Inject
    GatewayCommands commands;

    @Inject
    GatewayLinks links;

    @Inject
    ConfigService configs;

    @Inject
    Event<ConfigUpdated> configUpdated;

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

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
    void sendsConfigSnapshotOnConnect() throws Exception {
        try (TestSocket gateway = link()) {
            JsonObject snapshot = gateway.next();
            assertThat(snapshot.getString("type")).isEqualTo("config.snapshot");
            assertThat(snapshot.getString("at")).isNotBlank();
            assertThat(snapshot.getJsonObject("data").getJsonObject("config").getLong("version"))
                    .isEqualTo(JsonObject.mapFrom(configs.current()).getLong("version"));
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
    void pushesEveryConfigUpdatedEvent() throws Exception {
        try (TestSocket gateway = link()) {
            gateway.next();
            configUpdated.fire(new ConfigUpdated(configs.current()));
            assertThat(gateway.next().getString("type")).isEqualTo("config.updated");
        }
    }

    @Test
    void routesCommandsToTheGatewayHoldingTheCall() throws Exception {
        String callA = sid();
        String callB = sid();
        try (TestSocket a = link(); TestSocket b = link()) {
            a.next();
            b.next();
            a.send(TestSocket.event("call.started", callA, new JsonObject().put("direction", "inbound")));
            b.send(TestSocket.event("call.started", callB, new JsonObject().put("direction", "inbound")));
            await().until(() -> links.holderOf(callA).isPresent() && links.holderOf(callB).isPresent());

            assertThat(commands.hangup(callA)).isTrue();
            assertThat(commands.transfer(callB, "+15005550006")).isTrue();

            JsonObject hangup = a.next();
            assertThat(hangup.getString("type")).isEqualTo("call.hangup");
            assertThat(hangup.getString("callSid")).isEqualTo(callA);
            JsonObject transfer = b.next();
            assertThat(transfer.getString("type")).isEqualTo("call.transfer");
            assertThat(transfer.getString("callSid")).isEqualTo(callB);
            assertThat(transfer.getJsonObject("data").getString("target")).isEqualTo("+15005550006");
            assertThat(a.frames).isEmpty();

            a.send(TestSocket.event("call.ended", callA, new JsonObject().put("reason", "test")));
            b.send(TestSocket.event("call.ended", callB, new JsonObject().put("reason", "test")));
            await().until(() -> links.holderOf(callA).isEmpty() && links.holderOf(callB).isEmpty());
            assertThat(commands.hangup(callA)).isFalse();
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
                    .then().statusCode(200).body("direction", org.hamcrest.Matchers.is("inbound"),
                            "transcript.text", org.hamcrest.Matchers.contains("line 0", "line 1", "line 2",
                                    "line 3", "line 4")));
            gateway.send(TestSocket.event("call.ended", call, new JsonObject().put("reason", "test")));
        }
    }

    @Test
    void refusesCommandsForCallsNoGatewayHolds() {
        assertThat(commands.hangup(sid())).isFalse();
        assertThat(commands.transfer(sid(), "+15005550006")).isFalse();
    }

    @Test
    void commandsFollowAGatewayThatReconnects() throws Exception {
        String call = sid();
        String instance = "gw-" + UUID.randomUUID();
        try (TestSocket before = link()) {
            before.next();
            before.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", instance).put("capacity", 10)));
            before.send(TestSocket.event("call.started", call, new JsonObject()));
            await().until(() -> links.holderOf(call).isPresent());
        }
        await().until(() -> links.holderOf(call).isEmpty());
        try (TestSocket after = link()) {
            after.next();
            after.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", instance).put("capacity", 10)));
            await().until(() -> links.holderOf(call).isPresent());
            assertThat(commands.hangup(call)).isTrue();
            assertThat(after.next().getString("type")).isEqualTo("call.hangup");
            after.send(TestSocket.event("call.ended", call, new JsonObject()));
        }
    }

    @Test
    void aHelloNamingTheCallsAGatewayCarriesRoutesCommandsToThemWithoutTheirCallStarted() throws Exception {
        String call = sid();
        try (TestSocket gateway = link()) {
            gateway.next();
            assertThat(commands.hangup(call)).isFalse();
            gateway.send(TestSocket.event("gateway.hello", null, new JsonObject()
                    .put("instanceId", "gw-" + UUID.randomUUID()).put("capacity", 10)
                    .put("calls", new io.vertx.core.json.JsonArray().add(call))));
            await().until(() -> links.holderOf(call).isPresent());
            assertThat(commands.hangup(call)).isTrue();
            JsonObject hangup = gateway.next();
            assertThat(hangup.getString("type")).isEqualTo("call.hangup");
            assertThat(hangup.getString("callSid")).isEqualTo(call);
            gateway.send(TestSocket.event("call.ended", call, new JsonObject()));
        }
    }

    @Test
    void keepsTheLinkOpenAfterAnUnreadableFrame() throws Exception {
        String call = sid();
        try (TestSocket gateway = link()) {
            gateway.next();
            gateway.send(new JsonObject().put("type", 42).put("data", "not an object"));
            gateway.send(TestSocket.event("call.started", call, new JsonObject()));
            await().until(() -> links.holderOf(call).isPresent());
            gateway.send(TestSocket.event("call.ended", call, new JsonObject()));
        }
    }

    private TestSocket link() {
        return TestSocket.open(VERTX, base, "/internal/gateway", TOKEN);
    }

    static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
