package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The call's Realtime session opens when /twiml is answered, against a slow fake (300 ms accept, 100 ms ack). */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class EarlySessionTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @BeforeEach
    void slowRealtime() {
        openai.reset();
        openai.acceptDelayMs = 300;
        openai.updateDelayMs = 100;
    }

    @Test
    void theSessionIsReadyBeforeTheStreamConnectsAndTheGreetingIsTheFirstThingOnStart() throws InterruptedException {
        String greeting = Audio.frame(42, 40);
        openai.responseAudio = greeting;
        int before = openai.acceptedSessions();
        String token = FakeTwilioCall.streamToken("CA_early_1");
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        await().atMost(Duration.ofSeconds(5)).until(session::acknowledgedUpdate);
        assertThat(openai.acceptedSessions()).isEqualTo(before + 1);
        try (FakeTwilioCall twilio = FakeTwilioCall.open("CA_early_1", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(token);
            JsonObject media = twilio.await("media");
            assertThat(media.getJsonObject("media").getString("payload")).isEqualTo(greeting);
            List<String> types = session.received().stream().map(e -> e.getString("type")).toList();
            assertThat(types).containsSubsequence("session.update", "response.create");
            assertThat(session.received("session.update")).hasSize(1);
            assertThat(openai.noSessionWithin(300)).isTrue();
            assertThat(openai.acceptedSessions()).isEqualTo(before + 1);
        }
    }

    @Test
    void aStreamThatStartsWhileTheSessionIsStillOpeningTakesItOver() throws InterruptedException {
        int before = openai.acceptedSessions();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_early_2")) {
            FakeRealtimeSession session = openai.nextSession();
            assertThat(session.await("session.update").getJsonObject("session").getString("type"))
                    .isEqualTo("realtime");
            session.await("response.create");
            twilio.media(Audio.frame(3));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(3));
            assertThat(session.received("session.update")).hasSize(1);
            assertThat(openai.noSessionWithin(300)).isTrue();
            assertThat(openai.acceptedSessions()).isEqualTo(before + 1);
        }
    }

    @Test
    void aSessionNoStreamClaimsIsClosedAfterTheHoldAndALateStreamOpensItsOwn() {
        String token = FakeTwilioCall.streamToken("CA_early_3");
        FakeRealtimeSession early = openai.nextSession();
        early.await("session.update");
        await().atMost(Duration.ofSeconds(5)).until(early::isClosed);
        try (FakeTwilioCall twilio = FakeTwilioCall.open("CA_early_3", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(token);
            FakeRealtimeSession own = openai.nextSession();
            own.await("session.update");
            own.await("response.create");
        }
    }

    @Test
    void twilioFetchingTheTwimlTwiceOpensOneSession() throws InterruptedException {
        String token = FakeTwilioCall.streamToken("CA_early_4");
        FakeTwilioCall.streamToken("CA_early_4");
        FakeRealtimeSession session = openai.nextSession();
        try (FakeTwilioCall twilio = FakeTwilioCall.open("CA_early_4", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(token);
            session.await("response.create");
            assertThat(openai.noSessionWithin(500)).isTrue();
        }
    }
}
