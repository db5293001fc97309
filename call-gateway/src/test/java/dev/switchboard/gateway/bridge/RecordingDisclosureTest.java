package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@WithTestResource(FakeControlApi.class)
class RecordingDisclosureTest {

    private static final String GREETING = "Hello from Switchboard!";

    @InjectFakeControl
    FakeControl controlApi;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    private AgentConfig original;

    @BeforeEach
    void greetingConfig() {
        openai.reset();
        original = configs.current();
    }

    @AfterEach
    void restore() {
        configs.apply(original);
        controlApi.contexts.clear();
    }

    @Test
    void aRecordedCallSaysTheDefaultDisclosureBeforeTheGreetingAndBeforeAnyCallerAudio() {
        use(null);
        String sid = recordedCall(true);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            twilio.media(Audio.frame(7));
            FakeRealtimeSession session = openai.nextSession();
            String instructions = session.await("response.create").getJsonObject("response").getString("instructions");
            assertThat(instructions).contains("\"This call is recorded.\"").contains(GREETING);
            assertThat(instructions.indexOf("This call is recorded.")).isLessThan(instructions.indexOf(GREETING));
            session.await("input_audio_buffer.append");
            List<String> types = session.received().stream().map(e -> e.getString("type"))
                    .filter(t -> t.equals("response.create") || t.equals("input_audio_buffer.append")).toList();
            assertThat(types.getFirst()).isEqualTo("response.create");
            assertThat(session.received("response.create")).hasSize(1);
        }
    }

    @Test
    void theConfigsOwnDisclosureIsSaid() {
        use("Calls are recorded for quality.");
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(recordedCall(true))) {
            String instructions = openai.nextSession().await("response.create").getJsonObject("response")
                    .getString("instructions");
            assertThat(instructions).contains("\"Calls are recorded for quality.\"")
                    .doesNotContain("This call is recorded.");
        }
    }

    @Test
    void anEmptyDisclosureTurnsItOffAndACallThatDoesNotRecordOnlyGreets() {
        use("");
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(recordedCall(true))) {
            assertThat(greetingInstructions()).doesNotContain("recorded").contains(GREETING);
        }
        use(null);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(recordedCall(false))) {
            assertThat(greetingInstructions()).doesNotContain("recorded").contains(GREETING);
        }
    }

    private String greetingInstructions() {
        return openai.nextSession().await("response.create").getJsonObject("response").getString("instructions");
    }

    private void use(String disclosure) {
        configs.apply(new AgentConfig(original.version() + 1, original.instructions(), original.voice(), GREETING,
                original.turnDetection(), original.transcription(), original.tools(), disclosure));
    }

    private String recordedCall(boolean recorded) {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        controlApi.contexts.put(sid, new JsonObject().put("callSid", sid).put("recorded", recorded));
        return sid;
    }
}
