package dev.switchboard.gateway.control;

import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeControl;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agent profiles pushed over the link: which profile a call runs on, and that it keeps the version it started with. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@WithTestResource(FakeControlApi.class)
class CallProfilesTest {

    @InjectFakeControl
    FakeControl controlApi;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    ControlConnector connector;

    @Inject
    AgentConfigs configs;

    private String profile;
    private String number;

    @BeforeEach
    void linked() {
        openai.reset();
        controlApi.refusing = false;
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        profile = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        number = "+1415" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    @AfterEach
    void forget() {
        controlApi.send(frame("profile.deleted", new JsonObject().put("profile", profile).put("version", 1_000)));
    }

    @Test
    void anInboundCallToAProfilesNumberRunsThatProfileAndReportsIt() throws Exception {
        publish(1, "You sell boats.");
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid, number)) {
            FakeRealtimeSession session = openai.nextSession();
            awaitInstructions(session, "You sell boats.");
            JsonObject started = startedOf(sid);
            assertThat(started.getString("profile")).isEqualTo(profile);
            assertThat(started.getLong("profileVersion")).isEqualTo(1);
        }
    }

    @Test
    void aCallToAnyOtherNumberRunsTheDefaultProfile() throws Exception {
        publish(1, "You sell boats.");
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = openai.nextSession();
            awaitInstructions(session, configs.current().instructions());
            assertThat(startedOf(sid).getString("profile")).isEqualTo("default");
        }
    }

    @Test
    void anOutboundCallRunsTheProfileItsDialNamed() throws Exception {
        publish(4, "You book repairs.");
        String sid = sid();
        controlApi.contexts.put(sid, new JsonObject().put("callSid", sid).put("profile", profile));
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = openai.nextSession();
            awaitInstructions(session, "You book repairs.");
            JsonObject started = startedOf(sid);
            assertThat(started.getString("profile")).isEqualTo(profile);
            assertThat(started.getLong("profileVersion")).isEqualTo(4);
        } finally {
            controlApi.contexts.remove(sid);
        }
    }

    @Test
    void aCallKeepsTheVersionItStartedWithWhileANewCallGetsTheNewOne() throws Exception {
        publish(1, "Version one.");
        String first = sid();
        try (FakeTwilioCall call1 = FakeTwilioCall.dial(first, number)) {
            FakeRealtimeSession session1 = openai.nextSession();
            awaitInstructions(session1, "Version one.");
            assertThat(startedOf(first).getLong("profileVersion")).isEqualTo(1);

            publish(2, "Version two.");
            String second = sid();
            try (FakeTwilioCall call2 = FakeTwilioCall.dial(second, number)) {
                FakeRealtimeSession session2 = openai.nextSession();
                awaitInstructions(session2, "Version two.");
                assertThat(startedOf(second).getLong("profileVersion")).isEqualTo(2);
            }
            assertThat(session1.received("session.update")).allMatch(u -> "Version one.".equals(instructions(u)));
        }
    }

    @Test
    void aDeletedProfilesNumberGetsTheDefaultProfile() {
        publish(1, "You sell boats.");
        controlApi.send(frame("profile.deleted", new JsonObject().put("profile", profile).put("version", 2)));
        await().until(() -> !configs.named().contains(profile));
        assertThat(configs.forCall(null, number)).isEqualTo(configs.current());
        controlApi.send(update(1, "An older version than the deletion."));
        String sentinel = profile;
        profile = profile + "-next";
        publish(1, "Sent after the stale update, so applied after it.");
        assertThat(configs.named()).doesNotContain(sentinel);
        controlApi.send(frame("profile.deleted", new JsonObject().put("profile", profile).put("version", 1_000)));
        profile = sentinel;
    }

    private void publish(long version, String instructions) {
        controlApi.send(update(version, instructions));
        await().until(() -> configs.named().contains(profile) && configs.forCall(profile, null).version() >= version);
    }

    private JsonObject update(long version, String instructions) {
        return frame("profile.updated", new JsonObject().put("config", new JsonObject()
                .put("version", version).put("instructions", instructions).put("voice", "cedar")
                .put("tools", new JsonArray()).put("profile", profile).put("numbers", new JsonArray(List.of(number)))));
    }

    private static JsonObject frame(String type, JsonObject data) {
        return new JsonObject().put("type", type).put("at", "2026-01-01T00:00:00Z").put("data", data);
    }

    private static void awaitInstructions(FakeRealtimeSession session, String expected) {
        await().until(() -> session.received("session.update").stream()
                .anyMatch(update -> expected.equals(instructions(update))));
        List<JsonObject> updates = session.received("session.update");
        assertThat(instructions(updates.getLast())).isEqualTo(expected);
    }

    private static String instructions(JsonObject update) {
        return update.getJsonObject("session").getString("instructions");
    }

    private JsonObject startedOf(String sid) throws InterruptedException {
        while (true) {
            JsonObject frame = controlApi.nextOfType("call.started");
            if (sid.equals(frame.getString("callSid"))) {
                return frame.getJsonObject("data");
            }
        }
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
