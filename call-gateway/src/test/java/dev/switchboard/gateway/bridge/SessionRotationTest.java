package dev.switchboard.gateway.bridge;

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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(SessionRotationTest.ShortSessions.class)
@WithTestResource(FakeRealtimeServer.class)
class SessionRotationTest {

    /** Sessions "age" after 3 s instead of 55 min. */
    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.openai.session-max-age", "3s");
        }
    }

    @InjectFakeRealtime
    FakeRealtime openai;

    @Test
    void anAgedSessionIsReplacedOnlyAtAPauseWithTheConversationCarriedOver() throws InterruptedException {
        openai.reset();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_rotate_1")) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession first = openai.nextSession();
            first.await("session.update");
            first.send(new JsonObject().put("type", "conversation.item.input_audio_transcription.completed")
                    .put("item_id", "in_1").put("transcript", "What are your opening hours?"));
            first.send(new JsonObject().put("type", "response.created").put("response", new JsonObject()
                    .put("id", "resp_1")));
            first.audioDelta("resp_1", "item_1", Audio.frame(1, 100));
            first.send(new JsonObject().put("type", "response.output_audio_transcript.done")
                    .put("item_id", "item_1").put("transcript", "We are open from nine to five."));
            first.send(new JsonObject().put("type", "response.done").put("response", new JsonObject()
                    .put("id", "resp_1").put("status", "completed")));
            String mark = twilio.await("mark").getJsonObject("mark").getString("name");

            assertThat(openai.noSessionWithin(4_000)).as("no rotation while agent audio is still playing").isTrue();
            twilio.ackMark(mark);

            FakeRealtimeSession second = openai.nextSession();
            second.await("session.update");
            assertThat(second.await("conversation.item.create").getJsonObject("item").getJsonArray("content")
                    .getJsonObject(0).getString("text")).isEqualTo("What are your opening hours?");
            assertThat(second.await("conversation.item.create").getJsonObject("item").getJsonArray("content")
                    .getJsonObject(0).getString("text")).isEqualTo("We are open from nine to five.");
            await().atMost(Duration.ofSeconds(3)).until(first::isClosed);
            assertThat(second.received("response.create")).isEmpty();
            assertThat(twilio.isClosed()).isFalse();
        }
    }
}
