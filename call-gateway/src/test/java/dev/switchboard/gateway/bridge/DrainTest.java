package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.drain.GracefulDrain;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@TestProfile(DrainTest.Draining.class)
@WithTestResource(FakeRealtimeServer.class)
class DrainTest {

    /** Its own app instance: once drained, an instance never takes calls again. */
    public static class Draining implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.max-calls", "50");
        }
    }

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    GracefulDrain drain;

    @Test
    void drainingRefusesNewCallsGoesUnreadyAndLetsLiveCallsFinish() {
        openai.reset();
        try (FakeTwilioCall live = FakeTwilioCall.dial("CA_drain_1")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            session.await("response.create");
            CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> drain.drain(Duration.ofSeconds(20)));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN")));
            Map<String, String> form = Map.of("CallSid", "CA_drain_2");
            given().formParams(form)
                    .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", form))
                    .post("/twiml").then().statusCode(503);
            assertThatThrownBy(() -> FakeTwilioCall.open("CA_drain_2", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                    Map.of()))).isInstanceOfSatisfying(FakeTwilioCall.Refused.class,
                    refused -> assertThat(refused.status).isEqualTo(503));

            live.media(Audio.frame(3));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(3));
            assertThat(drained).isNotDone();

            live.stop();
            await().atMost(Duration.ofSeconds(10)).until(drained::isDone);
        }
    }
}
