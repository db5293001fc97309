package dev.switchboard.gateway.control;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeControl;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.RecordedEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@WithTestResource(FakeControlApi.class)
class CallTransferTest {

    static final String DESK = "+15005550009";

    @InjectFakeControl
    FakeControl controlApi;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    @Inject
    RecordedEvents events;

    @Inject
    ControlConnector connector;

    private AgentConfig original;

    @BeforeEach
    void linkedWithATransferTarget() {
        openai.reset();
        controlApi.refusing = false;
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        original = configs.current();
        List<AgentConfig.Tool> tools = new ArrayList<>(original.tools());
        tools.add(new AgentConfig.Tool("transfer_call", "builtin", null, null, null, null, true, null, DESK));
        configs.apply(new AgentConfig(original.version() + 1, original.instructions(), original.voice(), null,
                original.turnDetection(), original.transcription(), tools));
    }

    @AfterEach
    void restore() {
        controlApi.refusing = false;
        configs.apply(original);
    }

    @Test
    void aTransferCommandSilencesTheAgentAndTwiliosStopEndsTheBridgeAsTransferred() throws Exception {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = ready();
            session.audioDelta("resp_1", "item_1", Audio.frame(1, 200));
            twilio.await("media");

            controlApi.send(command("call.transfer", sid, new JsonObject().put("target", DESK)));
            twilio.await("clear");
            session.await("response.cancel");
            // None of the flushed audio was heard: if the transfer fails, the model knows it was not said.
            JsonObject truncate = session.await("conversation.item.truncate");
            assertThat(truncate.getString("item_id")).isEqualTo("item_1");
            assertThat(truncate.getInteger("audio_end_ms")).isZero();
            assertThat(nextOfType("call.transfer.ready", sid).getJsonObject("data").getBoolean("held")).isTrue();
            int appends = session.received("input_audio_buffer.append").size();
            twilio.media(Audio.frame(2));
            session.audioDelta("resp_1", "item_1", Audio.frame(3, 200));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !twilio.isClosed());
            assertThat(twilio.received("media")).hasSize(1);
            assertThat(session.received("input_audio_buffer.append")).hasSize(appends);

            twilio.stop();
            await().atMost(Duration.ofSeconds(2)).until(twilio::isClosed);
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "transferred");
            assertThat(endedOnTheLink(sid).getJsonObject("data").getString("reason")).isEqualTo("transferred");
        }
    }

    @Test
    void aTransferForACallThisGatewayDoesNotHoldIsConfirmedAsNotHeld() throws Exception {
        String sid = sid();
        controlApi.send(command("call.transfer", sid, new JsonObject().put("target", DESK)));
        assertThat(nextOfType("call.transfer.ready", sid).getJsonObject("data").getBoolean("held")).isFalse();
    }

    @Test
    void afterTheLinkDropsTheHelloNamesTheLiveCallsSoARestartedControlApiCanRouteToThem() throws Exception {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            ready();
            controlApi.dropLink();
            JsonObject hello = controlApi.nextOfType("gateway.hello");
            assertThat(hello.getJsonObject("data").getJsonArray("calls").getList()).contains(sid);
        }
    }

    @Test
    void aTransferTwilioNeverCarriesOutEndsTheBridgeAfterTheFallbackTimeout() {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            ready();
            controlApi.send(command("call.transfer", sid, new JsonObject().put("target", DESK)));
            twilio.await("clear");
            await().atMost(Duration.ofSeconds(4)).until(twilio::isClosed);
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "transfer-timeout");
        }
    }

    @Test
    void aFailedTransferGivesTheCallBackToTheAgent() {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = ready();
            controlApi.send(command("call.transfer", sid, new JsonObject().put("target", DESK)));
            twilio.await("clear");
            controlApi.send(command("call.transfer.failed", sid, new JsonObject().put("reason", "carrier refused")));
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                twilio.media(Audio.frame(4));
                assertThat(session.received("input_audio_buffer.append")).isNotEmpty();
            });
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> !twilio.isClosed());
        }
    }

    @Test
    void transferCallAsksControlApiForTheConfiguredTargetAfterTheFarewellHasPlayed() throws Exception {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = ready();
            assertThat(session.received("session.update").getFirst().getJsonObject("session").getJsonArray("tools")
                    .stream().map(t -> ((JsonObject) t).getString("name"))).contains("transfer_call");
            session.send(new JsonObject().put("type", "response.created").put("response",
                    new JsonObject().put("id", "resp_t")));
            session.audioDelta("resp_t", "item_t", Audio.frame(1, 200));
            call(session, "transfer_call", "call_t", "{\"reason\":\"wants a person\",\"target\":\"+19005550666\"}");
            session.send(new JsonObject().put("type", "response.done").put("response",
                    new JsonObject().put("id", "resp_t").put("status", "completed")));
            String mark = twilio.await("mark").getJsonObject("mark").getString("name");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> controlApi.received.stream().noneMatch(f -> isRequest(f, sid)));

            twilio.ackMark(mark);
            JsonObject request = nextRequest(sid);
            assertThat(request.getJsonObject("data").getString("target")).isEqualTo(DESK);
            assertThat(request.getJsonObject("data").getString("reason")).isEqualTo("wants a person");

            controlApi.send(command("call.transfer", sid, new JsonObject().put("target", DESK)));
            twilio.await("clear");
            twilio.stop();
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "transferred");
            assertThat(events.await(sid, LinkType.TOOL_RESULT).data().get("output").toString())
                    .contains("transferring");
            assertThat(session.received("conversation.item.create")).isEmpty();
            assertThat(session.received("response.create")).isEmpty();
        }
    }

    @Test
    void whenControlApiRefusesTheModelHearsWhyAndTheCallGoesOn() throws Exception {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = ready();
            call(session, "transfer_call", "call_r", "{\"reason\":\"wants a person\"}");
            nextRequest(sid);
            controlApi.send(command("call.transfer.failed", sid, new JsonObject().put("reason", "the carrier refused the transfer")));
            JsonObject output = session.await("conversation.item.create").getJsonObject("item");
            assertThat(output.getString("call_id")).isEqualTo("call_r");
            assertThat(output.getString("output")).contains("did not go through").contains("carrier refused");
            session.await("response.create");
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void withTheLinkDownTheToolSaysTransfersAreUnavailable() {
        controlApi.refusing = true;
        controlApi.dropLink();
        await().until(() -> !connector.isLinked());
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = ready();
            call(session, "transfer_call", "call_d", "{}");
            JsonObject output = session.await("conversation.item.create").getJsonObject("item");
            assertThat(output.getString("output")).contains("unavailable");
            session.await("response.create");
            assertThat(twilio.isClosed()).isFalse();
        }
        controlApi.refusing = false;
        await().until(() -> connector.isLinked());
        assertThat(controlApi.received.stream().noneMatch(f -> isRequest(f, sid))).isTrue();
    }

    @Test
    void withoutAConfiguredTargetTheToolRefusesWithoutAsking() {
        List<AgentConfig.Tool> tools = new ArrayList<>(original.tools());
        tools.add(new AgentConfig.Tool("transfer_call", "builtin", null, null, null, null, true, null, null));
        configs.apply(new AgentConfig(original.version() + 2, original.instructions(), original.voice(), null,
                original.turnDetection(), original.transcription(), tools));
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = ready();
            call(session, "transfer_call", "call_n", "{}");
            assertThat(session.await("conversation.item.create").getJsonObject("item").getString("output"))
                    .contains("No transfer destination is configured");
        }
        assertThat(controlApi.received.stream().noneMatch(f -> isRequest(f, sid))).isTrue();
    }

    private FakeRealtimeSession ready() {
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        return session;
    }

    private void call(FakeRealtimeSession session, String name, String callId, String arguments) {
        session.send(new JsonObject().put("type", "response.function_call_arguments.done")
                .put("response_id", "resp_t").put("item_id", "fc_" + callId).put("output_index", 0)
                .put("call_id", callId).put("name", name).put("arguments", arguments));
    }

    private JsonObject command(String type, String sid, JsonObject data) {
        return new JsonObject().put("type", type).put("callSid", sid).put("at", "2026-01-01T00:00:00Z").put("data", data);
    }

    private boolean isRequest(JsonObject frame, String sid) {
        return "call.transfer.requested".equals(frame.getString("type")) && sid.equals(frame.getString("callSid"));
    }

    private JsonObject nextRequest(String sid) throws InterruptedException {
        return nextOfType("call.transfer.requested", sid);
    }

    private JsonObject nextOfType(String type, String sid) throws InterruptedException {
        while (true) {
            JsonObject frame = controlApi.next();
            if (type.equals(frame.getString("type")) && sid.equals(frame.getString("callSid"))) {
                return frame;
            }
        }
    }

    private JsonObject endedOnTheLink(String sid) {
        await().atMost(Duration.ofSeconds(5)).until(() -> controlApi.received.stream()
                .anyMatch(f -> "call.ended".equals(f.getString("type")) && sid.equals(f.getString("callSid"))));
        return controlApi.received.stream().filter(f -> "call.ended".equals(f.getString("type"))
                && sid.equals(f.getString("callSid"))).findFirst().orElseThrow();
    }

    private String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
