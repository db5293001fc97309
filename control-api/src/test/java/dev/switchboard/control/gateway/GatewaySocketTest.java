package dev.switchboard.control.gateway;

import dev.switchboard.control.config.ConfigDistribution;
import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.switchboard.control.support.Api.TOKEN;
import static dev.switchboard.control.support.Calls.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The link's routing and bean-side behaviour; what a gateway sees over the socket alone is GatewayLinkTest. */
@QuarkusTest
class GatewaySocketTest extends SocketTest {

    @Inject
    GatewayCommands commands;

    @Inject
    GatewayLinks links;

    @Inject
    ConfigService configs;

    @Inject
    ConfigDistribution distribution;

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
    void pushesEveryDistributedConfig() throws Exception {
        try (TestSocket gateway = link()) {
            gateway.next();
            distribution.distribute(configs.current());
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
}
