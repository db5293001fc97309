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

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class CallUsageTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    RecordedEvents events;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void callEndedCarriesTheTokensOfEveryResponseSummedByKind() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_usage_1")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.send(done("resp_1", usage(120, 40, 64, 0, 30, 90)));
            session.send(done("resp_2", usage(300, 80, 128, 32, 20, 150)));
            session.send(new JsonObject().put("type", "response.done").put("response",
                    new JsonObject().put("id", "resp_3").put("status", "cancelled")));
            // The Realtime socket is read in order: once this later audio reaches the caller, the three
            // response.done frames above have been counted, so the hang-up cannot overtake them.
            String marker = Audio.frame(3, 40);
            session.audioDelta("resp_4", "item_4", marker);
            assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(marker);
            twilio.stop();

            Map<String, Object> data = events.await("CA_usage_1", LinkType.CALL_ENDED).data();
            assertThat(data.get("usage")).isEqualTo(Map.of("inputTextTokens", 420L, "inputAudioTokens", 120L,
                    "cachedTextTokens", 192L, "cachedAudioTokens", 32L, "outputTextTokens", 50L,
                    "outputAudioTokens", 240L));
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_tokens_total{direction=\"input\",kind=\"cached\"}"))
                .body(containsString("switchboard_tokens_total{direction=\"output\",kind=\"audio\"}"));
    }

    private static JsonObject done(String id, JsonObject usage) {
        return new JsonObject().put("type", "response.done").put("response", new JsonObject().put("id", id)
                .put("status", "completed").put("usage", usage));
    }

    private static JsonObject usage(int inText, int inAudio, int cachedText, int cachedAudio, int outText,
                                    int outAudio) {
        return new JsonObject().put("total_tokens", inText + inAudio + outText + outAudio)
                .put("input_tokens", inText + inAudio).put("output_tokens", outText + outAudio)
                .put("input_token_details", new JsonObject().put("text_tokens", inText).put("audio_tokens", inAudio)
                        .put("cached_tokens", cachedText + cachedAudio).put("cached_tokens_details",
                                new JsonObject().put("text_tokens", cachedText).put("audio_tokens", cachedAudio)))
                .put("output_token_details", new JsonObject().put("text_tokens", outText)
                        .put("audio_tokens", outAudio));
    }
}
