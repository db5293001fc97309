package dev.switchboard.control.replicas;

import dev.switchboard.control.gateway.GatewayLinks;
import dev.switchboard.control.support.OnPostgres;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.control.support.Api.KEY;
import static dev.switchboard.control.support.Api.TOKEN;
import static dev.switchboard.control.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@TestProfile(OnPostgres.class)
@EnabledIfSystemProperty(named = OnPostgres.PROPERTY, matches = ".+")
class ReplicasOnPostgresTest extends SocketTest {

    @Inject
    ReplicaListener listener;

    @Inject
    GatewayLinks links;

    private ReplicaChannel other;

    @BeforeEach
    void joinTheChannel() throws Exception {
        other = new ReplicaChannel();
        await().until(listener::listening);
    }

    @AfterEach
    void leaveTheChannel() throws Exception {
        other.close();
    }

    @Test
    void eventsFromAnotherReplicaReachLogsClientsWholeEvenWhenLarge() throws Exception {
        String call = sid();
        String longText = "a long line ".repeat(2_000);
        try (TestSocket logs = TestSocket.open(VERTX, base, "/logs?callSid=" + call, KEY)) {
            other.notify(event("call.started", call, new JsonObject().put("direction", "inbound")));
            other.notifyByRow(event("transcript.agent", call,
                    new JsonObject().put("text", longText).put("final", true)));

            assertThat(logs.nextFor(call).getString("type")).isEqualTo("call.started");
            assertThat(logs.nextFor(call).getJsonObject("data").getString("text")).isEqualTo(longText);
        }
        try (TestSocket late = TestSocket.open(VERTX, base, "/logs?callSid=" + call, KEY)) {
            assertThat(late.nextFor(call).getString("type")).as("replayed to a late joiner").isEqualTo("call.started");
        }
    }

    @Test
    void listensAgainAfterPostgresDropsTheListeningConnection() throws Exception {
        assertThat(other.dropListeners()).as("listening sessions terminated").isEqualTo(1);
        String call = sid();
        try (TestSocket logs = TestSocket.open(VERTX, base, "/logs?callSid=" + call, KEY)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                other.notify(event("call.started", call, new JsonObject()));
                return logs.frames.poll(200, TimeUnit.MILLISECONDS) != null;
            });
        }
        assertThat(listener.listening()).isTrue();
    }

    @Test
    void eventsFromALinkedGatewayGoToTheOtherReplicasOnceStoredLargeOnesAsRows() throws Exception {
        String call = sid();
        String longText = "spoken words ".repeat(1_500);
        try (TestSocket gateway = TestSocket.open(VERTX, base, "/internal/gateway", TOKEN)) {
            gateway.next();
            gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "inbound")));
            gateway.send(TestSocket.event("transcript.caller", call,
                    new JsonObject().put("text", longText).put("final", true).put("itemId", "i1")));

            JsonObject started = other.next(m -> call.equals(m.getString("callSid")));
            assertThat(started.getString("kind")).isEqualTo("event");
            assertThat(started.getBoolean("inline")).isTrue();
            assertThat(started.getJsonObject("event").getString("type")).isEqualTo("call.started");
            api().when().get("/api/calls/{sid}", call).then().statusCode(200).body("status", is("in-progress"));
            JsonObject transcript = other.next(m -> call.equals(m.getString("callSid")));
            assertThat(transcript.getBoolean("inline")).as("too large for a notification").isFalse();
            assertThat(transcript.getJsonObject("event").getJsonObject("data").getString("text")).isEqualTo(longText);
        }
    }

    @Test
    void aConfigStoredHereIsAnnouncedToTheOtherReplicas() throws Exception {
        JsonObject config = new JsonObject(api().when().get("/api/config").then().statusCode(200)
                .extract().asString()).put("greeting", "Hi " + UUID.randomUUID());
        long version = api().contentType("application/json").body(config.encode())
                .when().put("/api/config").then().statusCode(200).extract().jsonPath().getLong("version");

        assertThat(other.next(m -> "config".equals(m.getString("kind"))).getLong("version")).isEqualTo(version);
    }

    @Test
    void aProfileChangeIsAnnouncedWithItsNameAndAnAnnouncedOneIsPushedToTheGatewaysLinkedHere() throws Exception {
        String name = "replicated-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType("application/json").body("""
                {"instructions": "Shared across replicas.", "voice": "cedar", "tools": []}""")
                .when().put("/api/profiles/{name}", name).then().statusCode(201);
        JsonObject announced = other.next(m -> "config".equals(m.getString("kind")) && name.equals(m.getString("profile")));
        assertThat(announced.getLong("version")).isEqualTo(1);

        try (TestSocket gateway = gateway()) {
            gateway.next();
            other.notify(new JsonObject().put("kind", "config").put("profile", name).put("version", 1));
            JsonObject pushed = gateway.next();
            assertThat(pushed.getString("type")).isEqualTo("profile.updated");
            assertThat(pushed.getJsonObject("data").getJsonObject("config").getString("instructions"))
                    .isEqualTo("Shared across replicas.");
        }
    }

    @Test
    void aHangUpForACallAnotherReplicaHoldsIsRunThereAndItsAnswerReturned() throws Exception {
        String call = liveCallNoGatewayHereHolds();
        var response = VERTX.executeBlocking(() -> api().when().delete("/api/calls/{sid}", call).then().extract());

        JsonObject ask = other.next(m -> "ask".equals(m.getString("kind")) && call.equals(m.getString("callSid")));
        String asker = ask.getString("from");
        other.notify(new JsonObject().put("kind", "holds").put("to", asker).put("id", ask.getString("id")));
        JsonObject run = other.next(m -> "run".equals(m.getString("kind")));
        assertThat(run.getString("to")).isEqualTo(ReplicaChannel.ME);
        assertThat(run.getJsonObject("command").getString("op")).isEqualTo("hangup");
        other.notify(new JsonObject().put("kind", "result").put("to", asker).put("id", run.getString("id"))
                .put("error", new JsonObject().put("status", 409).put("code", "call.ended").put("message", "over")));

        var answered = response.toCompletionStage().toCompletableFuture().get();
        assertThat(answered.statusCode()).isEqualTo(409);
        assertThat(answered.jsonPath().getString("code")).isEqualTo("call.ended");
    }

    @Test
    void anAmdResultForACallAnotherReplicaHoldsIsPassedOnThere() throws Exception {
        String call = liveCallNoGatewayHereHolds();
        var response = VERTX.executeBlocking(() -> TwilioCallbacks.postSignedAmd(TwilioCallbacks.amd(call,
                "machine_end_silence")).then().extract());

        JsonObject ask = other.next(m -> "ask".equals(m.getString("kind")) && call.equals(m.getString("callSid")));
        String asker = ask.getString("from");
        other.notify(new JsonObject().put("kind", "holds").put("to", asker).put("id", ask.getString("id")));
        JsonObject run = other.next(m -> "run".equals(m.getString("kind")));
        assertThat(run.getString("to")).isEqualTo(ReplicaChannel.ME);
        assertThat(run.getJsonObject("command").getString("op")).isEqualTo("amd_result");
        assertThat(run.getJsonObject("command").getString("answeredBy")).isEqualTo("machine_end_silence");
        other.notify(new JsonObject().put("kind", "result").put("to", asker).put("id", run.getString("id")));

        assertThat(response.toCompletionStage().toCompletableFuture().get().statusCode()).isEqualTo(204);
        api().get("/api/calls/{sid}", call).then().body("answeredBy", is("machine_end_silence"));
    }

    @Test
    void aTransferNoReplicaClaimsGoesToTheCarrierFromHereAsBefore() throws Exception {
        String call = liveCallNoGatewayHereHolds();
        api().contentType("application/json").body("{\"target\": \"+15551239999\"}")
                .when().post("/api/calls/{sid}/transfer", call)
                .then().statusCode(202).body("transfers.size()", is(1));
        assertThat(other.next(m -> "ask".equals(m.getString("kind"))).getString("callSid")).isEqualTo(call);
    }

    // A gateway reports the call and goes away: the call is live in the shared history, held by no gateway here.
    private String liveCallNoGatewayHereHolds() throws Exception {
        String call = sid();
        try (TestSocket gateway = TestSocket.open(VERTX, base, "/internal/gateway", TOKEN)) {
            gateway.next();
            gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "inbound")));
            other.next(m -> call.equals(m.getString("callSid")));
        }
        await().until(() -> links.count() == 0);
        return call;
    }

    private static JsonObject event(String type, String call, JsonObject data) {
        return new JsonObject().put("kind", "event").put("callSid", call)
                .put("event", TestSocket.event(type, call, data));
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
