package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that stops reading: the gateway keeps a bounded queue per direction, drops the oldest audio and counts
 * it, and everything it did not drop still arrives, in order, once the peer reads again.
 */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class BackpressureTest {

    /** Far more audio than the loopback socket buffers and the gateway's queue can hold together. */
    private static final int AGENT_FRAMES = 3000;
    private static final int CALLER_FRAMES = 2500;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void agentAudioForATwilioSocketThatStopsReadingIsBoundedAndTheOldestIsDropped() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_bp_1")) {
            FakeRealtimeSession session = ready(twilio);
            double before = dropped("agent-to-caller");
            twilio.pauseReading();
            for (int i = 0; i < AGENT_FRAMES; i++) {
                session.audioDelta("resp_bp", "item_bp", Audio.frame(i, 1000));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> dropped("agent-to-caller") > before);
            twilio.resumeReading();

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    twilio.received("media").size() + (dropped("agent-to-caller") - before) == AGENT_FRAMES);
            List<String> heard = twilio.received("media").stream()
                    .map(f -> f.getJsonObject("media").getString("payload")).toList();
            assertThat(heard.size()).isLessThan(AGENT_FRAMES);
            assertThat(heard.get(heard.size() - 1)).as("the newest audio is kept").isEqualTo(
                    Audio.frame(AGENT_FRAMES - 1, 1000));
            assertThat(heard).as("what arrives is in order").isSortedAccordingTo(
                    (a, b) -> Integer.compare(number(a), number(b)));
            twilio.media(Audio.frame(7));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(7));
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void callerAudioForARealtimeSocketThatStopsReadingIsBoundedAndTheOldestIsDropped() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_bp_2")) {
            FakeRealtimeSession session = ready(twilio);
            int alreadyThere = session.received("input_audio_buffer.append").size();
            double before = dropped("caller-to-agent");
            session.pauseReading();
            for (int i = 0; i < CALLER_FRAMES; i++) {
                twilio.media(Audio.frame(i, 1500));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> dropped("caller-to-agent") > before);
            session.resumeReading();

            await().atMost(Duration.ofSeconds(60)).until(() -> session.received("input_audio_buffer.append").size()
                    - alreadyThere + (dropped("caller-to-agent") - before) == CALLER_FRAMES);
            List<JsonObject> appends = session.received("input_audio_buffer.append");
            assertThat(appends.get(appends.size() - 1).getString("audio")).as("the newest audio is kept")
                    .isEqualTo(Audio.frame(CALLER_FRAMES - 1, 1500));
            assertThat(appends.size() - alreadyThere).isLessThan(CALLER_FRAMES);
            session.audioDelta("resp_after", "item_after", Audio.frame(9, 40));
            assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(Audio.frame(9, 40));
        }
    }

    private FakeRealtimeSession ready(FakeTwilioCall twilio) {
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        // One round trip each way, so the session is ready and no audio waits in the pre-session buffer.
        twilio.media(Audio.frame(1));
        assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(1));
        return session;
    }

    private double dropped(String direction) {
        Counter counter = registry.find("switchboard.audio.dropped").tag("direction", direction).counter();
        return counter == null ? 0 : counter.count();
    }

    private static int number(String base64) {
        byte[] bytes = java.util.Base64.getDecoder().decode(base64);
        return ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    }
}
