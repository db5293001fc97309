package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.drain.GracefulDrain;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Draining in move mode: each live call's stream is closed at a quiet moment, within the deadline, no goodbye. */
@QuarkusTest
@TestProfile(MoveTest.Moving.class)
@WithTestResource(FakeRealtimeServer.class)
class MoveTest {

    /** Its own app instance: once drained, an instance never takes calls again. */
    public static class Moving implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.max-calls", "51");
        }
    }

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    GracefulDrain drain;

    @Test
    void aSpeakingCallMovesWhenTheAgentFallsQuietAndAQuietOneAtOnceWithoutAGoodbye() {
        openai.reset();
        try (FakeTwilioCall quiet = FakeTwilioCall.dial("CA_move_quiet")) {
            openai.nextSession().await("session.update");
            FakeTwilioCall speaking = FakeTwilioCall.dial("CA_move_speaking");
            FakeRealtimeSession speakingSession = openai.nextSession();
            speakingSession.await("session.update");
            speaking.autoAckMarks = false;
            speakingSession.send(new JsonObject().put("type", "response.created")
                    .put("response", new JsonObject().put("id", "resp_1")));
            speakingSession.audioDelta("resp_1", "item_1", Audio.frame(7, 100));
            speaking.await("media");

            long began = System.nanoTime();
            CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> drain.move(Duration.ofSeconds(3)));

            await().atMost(Duration.ofSeconds(2)).until(quiet::isClosed);
            assertThat(quiet.closeCode()).isEqualTo(1000);
            assertThat(speaking.isClosed()).as("moved only once it is quiet").isFalse();
            given().get("/q/health/ready").then().statusCode(503);

            speakingSession.send(new JsonObject().put("type", "response.done").put("response",
                    new JsonObject().put("id", "resp_1").put("status", "completed")));
            speaking.pendingMarks().forEach(speaking::ackMark);
            await().atMost(Duration.ofSeconds(2)).until(speaking::isClosed);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
            await().atMost(Duration.ofSeconds(3)).until(drained::isDone);
            assertThat(quiet.received("media")).as("no goodbye").isEmpty();
            assertThat(speaking.received("clear")).as("nothing cut off").isEmpty();
            speaking.close();
        }
    }
}
