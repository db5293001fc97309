package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.control.ControlConnector;
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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Answering-machine detection; the test profile's bound (gateway.limits.amd-timeout) is 3 s. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@WithTestResource(FakeControlApi.class)
class AnsweringMachineTest {

    private static final String GREETING = "Hello from Switchboard!";
    private static final String MESSAGE = "Hi, this is Acme Dental: your appointment is tomorrow at 3 pm.";

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
    void greetingConfigAndALink() {
        openai.reset();
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        original = configs.current();
        configs.apply(new AgentConfig(original.version() + 1, original.instructions(), original.voice(), GREETING,
                original.turnDetection(), original.transcription(), original.tools()));
    }

    @AfterEach
    void restore() {
        configs.apply(original);
        controlApi.contexts.clear();
    }

    @Test
    void theAgentWaitsSilentAndDeafUntilAPersonAnswersThenGreets() {
        String sid = amdCall("hangup", null);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            twilio.media(Audio.frame(1));
            twilio.dtmf("5");
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(1)).until(() ->
                    session.received("response.create").isEmpty()
                            && session.received("input_audio_buffer.append").isEmpty()
                            && session.received("conversation.item.create").isEmpty());

            result(sid, "human");
            assertThat(instructions(session.await("response.create"))).contains(GREETING);
            twilio.media(Audio.frame(2));
            session.await("input_audio_buffer.append");
            assertThat(events.await(sid, LinkType.CALL_AMD).data()).containsEntry("answeredBy", "human")
                    .containsEntry("action", "agent").containsEntry("timedOut", false);
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void aMachineHearsTheMessageWordForWordAndTheCallEndsOnceItHasPlayed() {
        String sid = amdCall("message", MESSAGE);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            result(sid, "machine_start");
            result(sid, "machine_end_beep");
            String said = instructions(session.await("response.create"));
            assertThat(said).contains(MESSAGE).contains("exactly").doesNotContain(GREETING);

            session.send(new JsonObject().put("type", "response.created")
                    .put("response", new JsonObject().put("id", "resp_vm")));
            session.audioDelta("resp_vm", "item_vm", Audio.frame(3, 200));
            session.send(new JsonObject().put("type", "response.done")
                    .put("response", new JsonObject().put("id", "resp_vm").put("status", "completed")));
            String mark = twilio.await("mark").getJsonObject("mark").getString("name");
            twilio.media(Audio.frame(4));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !twilio.isClosed());
            assertThat(session.received("input_audio_buffer.append")).isEmpty();

            twilio.ackMark(mark);
            await().atMost(Duration.ofSeconds(2)).until(twilio::isClosed);
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "voicemail");
            assertThat(events.await(sid, LinkType.CALL_AMD).data()).containsEntry("answeredBy", "machine_end_beep")
                    .containsEntry("action", "message").containsEntry("timedOut", false);
            assertThat(session.received("response.create")).hasSize(1);
        }
    }

    @Test
    void inHangupModeAMachineIsHungUpOnAtOnce() {
        String sid = amdCall("hangup", null);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            result(sid, "machine_end_silence");
            await().atMost(Duration.ofSeconds(1)).until(twilio::isClosed);
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "machine");
            assertThat(events.await(sid, LinkType.CALL_AMD).data()).containsEntry("action", "hangup");
            assertThat(session.received("response.create")).isEmpty();
        }
    }

    @Test
    void aFaxIsHungUpOnEvenWhenAMessageIsSet() {
        String sid = amdCall("message", MESSAGE);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            openai.nextSession().await("session.update");
            result(sid, "fax");
            await().atMost(Duration.ofSeconds(1)).until(twilio::isClosed);
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "machine");
            assertThat(events.await(sid, LinkType.CALL_AMD).data()).containsEntry("answeredBy", "fax")
                    .containsEntry("action", "hangup");
        }
    }

    @Test
    void withoutAnAnswerWithinTheBoundTheAgentStartsAndALateResultIsIgnored() {
        String sid = amdCall("hangup", null);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            long started = System.nanoTime();
            FakeRealtimeSession session = openai.nextSession();
            assertThat(instructions(session.await("response.create"))).contains(GREETING);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(2000));
            JsonObject amd = onTheLink(sid, "call.amd").getJsonObject("data");
            assertThat(amd.containsKey("answeredBy")).isTrue();
            assertThat(amd.getValue("answeredBy")).isNull();
            assertThat(amd.getString("action")).isEqualTo("agent");
            assertThat(amd.getBoolean("timedOut")).isTrue();

            result(sid, "machine_end_beep");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !twilio.isClosed());
            assertThat(events.of(sid, LinkType.CALL_AMD)).hasSize(1);
        }
    }

    @Test
    void aResultThatComesBeforeTheStreamStartsIsApplied() {
        String sid = amdCall("hangup", null);
        result(sid, "machine_end_other");
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            await().atMost(Duration.ofSeconds(1)).until(twilio::isClosed);
            assertThat(events.await(sid, LinkType.CALL_ENDED).data()).containsEntry("reason", "machine");
            assertThat(events.await(sid, LinkType.CALL_AMD).data()).containsEntry("answeredBy", "machine_end_other");
        }
    }

    @Test
    void aResultForACallWithoutDetectionChangesNothing() {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = openai.nextSession();
            assertThat(instructions(session.await("response.create"))).contains(GREETING);
            result(sid, "machine_end_beep");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !twilio.isClosed());
            assertThat(events.of(sid, LinkType.CALL_AMD)).isEmpty();
        }
    }

    private String amdCall(String mode, String message) {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        JsonObject amd = new JsonObject().put("mode", mode);
        if (message != null) {
            amd.put("message", message);
        }
        controlApi.contexts.put(sid, new JsonObject().put("callSid", sid).put("amd", amd));
        return sid;
    }

    private void result(String sid, String answeredBy) {
        controlApi.send(new JsonObject().put("type", "call.amd.result").put("callSid", sid)
                .put("at", "2026-01-01T00:00:00Z").put("data", new JsonObject(Map.of("answeredBy", answeredBy))));
    }

    private JsonObject onTheLink(String sid, String type) {
        await().atMost(Duration.ofSeconds(5)).until(() -> controlApi.received.stream()
                .anyMatch(f -> type.equals(f.getString("type")) && sid.equals(f.getString("callSid"))));
        return controlApi.received.stream().filter(f -> type.equals(f.getString("type"))
                && sid.equals(f.getString("callSid"))).findFirst().orElseThrow();
    }

    private static String instructions(JsonObject responseCreate) {
        return responseCreate.getJsonObject("response").getString("instructions");
    }
}
