package dev.switchboard.gateway.media;

import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class HealthAndMetricsTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Test
    void readinessIsUpWithTheCallCount() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.find { it.name == 'calls' }.data.maxCalls", is(200));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountCallsFramesAndTurnLatency() {
        openai.reset();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_metrics_1")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            twilio.media(Audio.frame(1));
            session.await("input_audio_buffer.append");
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_stopped"));
            session.audioDelta("resp_1", "item_1", Audio.frame(2));
            twilio.await("media");
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("switchboard_calls_active"))
                    .body(containsString("switchboard_calls_started_total"))
                    .body(containsString("switchboard_frames_total{direction=\"caller-to-agent\"}"))
                    .body(containsString("switchboard_frames_total{direction=\"agent-to-caller\"}"))
                    .body(containsString("switchboard_turn_latency_seconds_bucket"));
        }
    }
}
