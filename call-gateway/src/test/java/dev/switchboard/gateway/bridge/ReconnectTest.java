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

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class ReconnectTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    RecordedEvents events;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void aDroppedRealtimeSocketIsReopenedWithTheConversationReplayedAndTheGapAudioKept() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_reconnect_1")) {
            FakeRealtimeSession first = openai.nextSession();
            first.await("session.update");
            first.await("response.create");
            first.send(new JsonObject().put("type", "conversation.item.input_audio_transcription.completed")
                    .put("item_id", "in_1").put("content_index", 0).put("transcript", "Where is my order?"));
            first.send(new JsonObject().put("type", "response.output_audio_transcript.done")
                    .put("item_id", "out_1").put("transcript", "Let me check that for you."));
            first.close();
            FakeRealtimeSession second = openai.nextSession();
            twilio.media(Audio.frame(42));
            second.await("session.update");
            List<JsonObject> items = List.of(second.await("conversation.item.create"),
                    second.await("conversation.item.create"));
            assertThat(items.get(0).getJsonObject("item").getString("role")).isEqualTo("user");
            assertThat(items.get(0).getJsonObject("item").getJsonArray("content").getJsonObject(0).getString("text"))
                    .isEqualTo("Where is my order?");
            assertThat(items.get(1).getJsonObject("item").getString("role")).isEqualTo("assistant");
            assertThat(items.get(1).getJsonObject("item").getJsonArray("content").getJsonObject(0)
                    .getString("type")).isEqualTo("output_text");
            assertThat(second.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(42));
            assertThat(second.received("response.create")).isEmpty();

            String reply = Audio.frame(43);
            second.audioDelta("resp_2", "item_2", reply);
            assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(reply);
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void theCallEndsCleanlyWhenTheRealtimeSessionCannotBeReopenedWithinTheBudget() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_reconnect_2")) {
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            openai.rejectConnections = true;
            session.close();
            await().atMost(Duration.ofSeconds(4)).until(twilio::isClosed);
            assertThat(twilio.closeCode()).isEqualTo(1011);
            java.io.ByteArrayOutputStream heard = new java.io.ByteArrayOutputStream();
            twilio.received("media").forEach(frame -> heard.writeBytes(
                    java.util.Base64.getDecoder().decode(frame.getJsonObject("media").getString("payload"))));
            assertThat(heard.toByteArray()).as("the caller heard the apology clip")
                    .isEqualTo(SpokenClips.CONNECTION_LOST.audio());
            assertThat(twilio.received("mark")).extracting(m -> m.getJsonObject("mark").getString("name"))
                    .contains("switchboard-goodbye");
            assertThat(events.await("CA_reconnect_2", LinkType.CALL_ENDED).data().get("reason"))
                    .isIn("openai-closed", "openai-unavailable");
        }
    }
}
