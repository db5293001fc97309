package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge over real sockets only (no beans), so AudioBridgeIT runs it against the packaged gateway too. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class AudioBridgeTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void theSessionIsConfiguredForPhoneAudioOnTheGaInterface() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_1")) {
            FakeRealtimeSession session = openai.nextSession();
            JsonObject update = session.await("session.update").getJsonObject("session");
            assertThat(session.uri).isEqualTo("/v1/realtime?model=gpt-realtime");
            assertThat(session.authorization).isEqualTo("Bearer test-openai-key");
            assertThat(session.betaHeader).isNull();
            assertThat(update.getString("type")).isEqualTo("realtime");
            assertThat(update.getJsonObject("audio").getJsonObject("input").getJsonObject("format").getString("type"))
                    .isEqualTo("audio/pcmu");
            assertThat(update.getJsonObject("audio").getJsonObject("output").getJsonObject("format")
                    .getString("type")).isEqualTo("audio/pcmu");
            assertThat(update.getJsonObject("audio").getJsonObject("output").getString("voice")).isEqualTo("marin");
            assertThat(update.getJsonObject("audio").getJsonObject("input").getJsonObject("turn_detection")
                    .getString("type")).isEqualTo("server_vad");
            assertThat(update.getJsonObject("audio").getJsonObject("input").getJsonObject("transcription")
                    .getString("model")).isEqualTo("whisper-1");
            assertThat(update.getJsonArray("tools").getJsonObject(0).getString("name")).isEqualTo("end_call");
            assertThat(update.getString("instructions")).isNotBlank();
        }
    }

    @Test
    void callerAudioReachesTheAgentAsTheSameBase64Strings() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_2")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            List<String> sent = IntStream.range(0, 5).mapToObj(Audio::frame).toList();
            sent.forEach(twilio::media);
            for (String payload : sent) {
                assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(payload);
            }
        }
    }

    @Test
    void agentAudioReachesTheCallerUnchangedFollowedByAMarkWithItemAndMilliseconds() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_3")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.await("response.create");
            String first = Audio.frame(7, 40);
            String second = Audio.frame(8, 60);
            session.audioDelta("resp_1", "item_1", first);
            session.audioDelta("resp_1", "item_1", second);
            JsonObject media = twilio.await("media");
            assertThat(media.getString("streamSid")).isEqualTo(twilio.streamSid);
            assertThat(media.getJsonObject("media").getString("payload")).isEqualTo(first);
            assertThat(twilio.await("mark").getJsonObject("mark").getString("name")).isEqualTo("item_1:40");
            assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(second);
            assertThat(twilio.await("mark").getJsonObject("mark").getString("name")).isEqualTo("item_1:100");
        }
    }

    @Test
    void audioArrivingBeforeTheSessionIsReadyIsKeptAndSentInOrder() throws InterruptedException {
        openai.announceSession = false;
        openai.acknowledgeUpdates = false;
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_4")) {
            List<String> early = IntStream.range(100, 125).mapToObj(Audio::frame).toList();
            early.forEach(twilio::media);
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            Thread.onSpinWait();
            assertThat(session.received("input_audio_buffer.append")).isEmpty();
            session.sessionUpdated();
            twilio.media(Audio.frame(125));
            for (int i = 100; i <= 125; i++) {
                assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(i));
            }
        }
    }

    @Test
    void theAgentSpeaksFirstWhenTheConfigHasAGreeting() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_5")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            JsonObject response = session.await("response.create");
            assertThat(response.getJsonObject("response").getString("instructions"))
                    .contains("Hello! Thanks for calling.");
        }
    }

    @Test
    void aKeypadDigitReachesTheModelAsAUserMessageAndAResponse() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_6")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.await("response.create");
            twilio.dtmf("7");
            JsonObject item = session.await("conversation.item.create").getJsonObject("item");
            assertThat(item.getString("role")).isEqualTo("user");
            assertThat(item.getJsonArray("content").getJsonObject(0).getString("text")).contains("7");
            session.await("response.create");
        }
    }

    @Test
    void aKeyPressedWhileTheAgentIsTalkingIsAnsweredOnceTheResponseIsDone() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_10")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.await("response.create");
            session.send(new JsonObject().put("type", "response.created").put("response",
                    new JsonObject().put("id", "resp_greeting").put("status", "in_progress")));
            session.audioDelta("resp_greeting", "item_greeting", Audio.frame(1, 160));
            twilio.await("media");
            twilio.dtmf("5");
            assertThat(session.await("conversation.item.create").getJsonObject("item").getString("role"))
                    .isEqualTo("user");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> session.received("response.create").size() == 1);
            session.send(new JsonObject().put("type", "response.done").put("response",
                    new JsonObject().put("id", "resp_greeting").put("status", "completed")));
            session.await("response.create");
        }
    }

    @Test
    void twilioStopClosesTheRealtimeSocketAndForgetsTheCall() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_7")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            twilio.stop();
            await().atMost(Duration.ofSeconds(1)).until(session::isClosed);
            await().atMost(Duration.ofSeconds(1)).until(twilio::isClosed);
        }
    }

    @Test
    void aRealtimeErrorEventIsReportedButTheCallGoesOn() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_audio_9")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.send(new JsonObject().put("type", "error").put("error", new JsonObject()
                    .put("type", "invalid_request_error").put("code", "x").put("message", "bad")));
            twilio.media(Audio.frame(1));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(1));
            assertThat(twilio.isClosed()).isFalse();
        }
    }
}
