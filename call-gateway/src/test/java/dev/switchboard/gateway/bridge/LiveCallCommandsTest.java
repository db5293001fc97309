package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the control link drives into live calls (hangup; config changes only reach new calls), called on the beans directly: JVM only,
 * since @QuarkusIntegrationTest cannot inject. Natively, e2e's LocalCallIT covers the link end to end.
 */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class LiveCallCommandsTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    @Inject
    CallBridges bridges;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void aLiveCallKeepsTheConfigItStartedWithWhenTheDefaultProfileChanges() {
        AgentConfig before = configs.current();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_10")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.await("response.create");
            configs.apply(new AgentConfig(before.version() + 1, "Speak like a pirate.", "verse", null,
                    before.turnDetection(), before.transcription(), before.tools()));
            try (FakeTwilioCall next = FakeTwilioCall.dial("CA_audio_12")) {
                JsonObject fresh = openai.nextSession().await("session.update").getJsonObject("session");
                assertThat(fresh.getString("instructions")).isEqualTo("Speak like a pirate.");
            }
            assertThat(session.received("session.update")).allMatch(update -> before.instructions()
                    .equals(update.getJsonObject("session").getString("instructions")));
        } finally {
            configs.apply(before);
        }
    }

    @Test
    void aHangupRequestEndsTheCallAndClosesBothSockets() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_11")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.await("response.create");
            assertThat(bridges.hangup("CA_audio_11", "operator")).isTrue();
            await().atMost(Duration.ofSeconds(1)).until(twilio::isClosed);
            await().atMost(Duration.ofSeconds(1)).until(session::isClosed);
            assertThat(twilio.closeCode()).isEqualTo(1000);
            assertThat(bridges.hangup("CA_unknown", "operator")).isFalse();
        }
    }
}
