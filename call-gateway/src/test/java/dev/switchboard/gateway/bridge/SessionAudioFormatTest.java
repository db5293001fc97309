package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.RecordedEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session.updated that reports other audio than μ-law is reported as the call's error; the call goes on. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class SessionAudioFormatTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    RecordedEvents events;

    @BeforeEach
    void answerUpdatesByHand() {
        openai.reset();
        // No session.created either: the session is ready only once our session.updated is handled, so audio
        // arriving at the fake proves the gateway has read it.
        openai.announceSession = false;
        openai.acknowledgeUpdates = false;
    }

    @Test
    void aSessionThatDidNotTakeMuLawIsReported() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_format_1")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.send(updated("audio/pcm"));
            assertThat(events.await("CA_format_1", LinkType.CALL_ERROR).data().get("message").toString())
                    .contains("output audio/pcm");
            twilio.media(Audio.frame(1));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(1));
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void aSessionOnMuLawIsNotReported() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_format_2")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.send(updated("audio/pcmu"));
            twilio.media(Audio.frame(2));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(2));
            assertThat(events.of("CA_format_2", LinkType.CALL_ERROR)).isEmpty();
        }
    }

    @Test
    void aRefusedSessionUpdateIsReportedAsTheSessionsConfigurationNotAsAPassingError() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_format_3")) {
            FakeRealtimeSession session = openai.nextSession();
            JsonObject update = session.await("session.update");
            // The API echoes the client's event_id in the error that refuses an event (protocols §5.4).
            session.send(new JsonObject().put("type", "error").put("event_id", "evt_refused")
                    .put("error", new JsonObject().put("type", "invalid_request_error")
                            .put("code", "unknown_parameter").put("message", "Unknown parameter: 'session.x'.")
                            .put("param", "session.x").put("event_id", update.getString("event_id"))));
            assertThat(update.getString("event_id")).isNotBlank();
            assertThat(events.await("CA_format_3", LinkType.CALL_ERROR).data().get("message").toString())
                    .contains("refused its configuration").contains("Unknown parameter");
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    private static JsonObject updated(String outputFormat) {
        return new JsonObject().put("type", "session.updated").put("event_id", "evt_format")
                .put("session", new JsonObject().put("type", "realtime").put("audio", new JsonObject()
                        .put("input", new JsonObject().put("format", new JsonObject().put("type", "audio/pcmu")))
                        .put("output", new JsonObject().put("format", new JsonObject().put("type", outputFormat)))));
    }
}
