package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.session.AgentConfigs;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class BargeInTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    @Inject
    RecordedEvents events;

    private AgentConfig original;
    private int frame;

    @BeforeEach
    void reset() {
        openai.reset();
        original = configs.current();
    }

    @AfterEach
    void restore() {
        configs.apply(original);
    }

    @Test
    void callerSpeechClearsTwilioThenTruncatesAtTheAcknowledgedAudio() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_barge_1")) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = ready();
            speak(session, twilio, "resp_1", "item_1", 3);
            twilio.ackMark("item_1:100");
            processed(twilio, session);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started").put("item_id", "in_1"));
            twilio.await("clear");
            JsonObject truncate = session.await("conversation.item.truncate");
            assertThat(truncate.getString("item_id")).isEqualTo("item_1");
            assertThat(truncate.getInteger("content_index")).isZero();
            assertThat(truncate.getValue("audio_end_ms")).isEqualTo(100);
            assertThat(session.received("response.cancel")).isEmpty();
            LinkFrame interrupted = events.await("CA_barge_1", LinkType.CALL_INTERRUPTED);
            assertThat(interrupted.data()).containsEntry("itemId", "item_1").containsEntry("audioEndMs", 100L);
        }
    }

    @Test
    void lateDeltasOfTheInterruptedResponseNeverReachTheCaller() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_barge_2")) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = ready();
            speak(session, twilio, "resp_1", "item_1", 2);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started"));
            twilio.await("clear");
            session.await("conversation.item.truncate");
            session.audioDelta("resp_1", "item_1", Audio.frame(900, 100));
            String fresh = Audio.frame(901, 100);
            session.audioDelta("resp_2", "item_2", fresh);
            assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(fresh);
        }
    }

    @Test
    void marksEchoedAfterAClearDoNotCountAsPlaybackOfTheNextAnswer() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_barge_3")) {
            twilio.autoAckMarks = false;
            twilio.echoMarksOnClear = false;
            FakeRealtimeSession session = ready();
            speak(session, twilio, "resp_1", "item_1", 3);
            twilio.ackMark("item_1:100");
            processed(twilio, session);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started"));
            twilio.await("clear");
            assertThat(session.await("conversation.item.truncate").getValue("audio_end_ms")).isEqualTo(100);
            speak(session, twilio, "resp_2", "item_2", 2);
            twilio.ackMark("item_1:200");
            twilio.ackMark("item_1:300");
            processed(twilio, session);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started"));
            twilio.await("clear");
            JsonObject second = session.await("conversation.item.truncate");
            assertThat(second.getString("item_id")).isEqualTo("item_2");
            assertThat(second.getValue("audio_end_ms")).isEqualTo(0);
        }
    }

    @Test
    void noClearOrTruncateWhenTheAgentsAudioHasAlreadyPlayed() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_barge_4")) {
            FakeRealtimeSession session = ready();
            speak(session, twilio, "resp_1", "item_1", 2);
            processed(twilio, session);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started"));
            String next = Audio.frame(7000, 20);
            session.audioDelta("resp_2", "item_2", next);
            assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(next);
            processed(twilio, session);
            assertThat(session.received("conversation.item.truncate")).isEmpty();
            assertThat(twilio.received("clear")).isEmpty();
        }
    }

    @Test
    void theGatewayCancelsTheResponseItselfWhenTheSessionDoesNotInterrupt() {
        AgentConfig base = configs.current();
        configs.apply(new AgentConfig(9, base.instructions(), base.voice(), null,
                new AgentConfig.TurnDetection("server_vad", 0.5, 300, 500, true, false),
                base.transcription(), base.tools()));
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_barge_5")) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = openai.nextSession();
            JsonObject update = session.await("session.update");
            assertThat(update.getJsonObject("session").getJsonObject("audio").getJsonObject("input")
                    .getJsonObject("turn_detection").getBoolean("interrupt_response")).isFalse();
            speak(session, twilio, "resp_1", "item_1", 1);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started"));
            twilio.await("clear");
            // As the Agents SDK does it (protocols §6.4): stop the response first, then cut its item.
            session.await("response.cancel");
            session.await("conversation.item.truncate");
            List<String> order = session.received().stream().map(e -> e.getString("type"))
                    .filter(type -> type.equals("response.cancel") || type.equals("conversation.item.truncate"))
                    .toList();
            assertThat(order).containsExactly("response.cancel", "conversation.item.truncate");
        }
    }

    private FakeRealtimeSession ready() {
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        return session;
    }

    /** The agent sends {@code chunks} deltas of 100 ms each; returns once Twilio has them all. */
    private void speak(FakeRealtimeSession session, FakeTwilioCall twilio, String responseId, String itemId,
                       int chunks) {
        for (int i = 0; i < chunks; i++) {
            session.audioDelta(responseId, itemId, Audio.frame(frame++, 100));
        }
        for (int i = 1; i <= chunks; i++) {
            assertThat(twilio.await("mark").getJsonObject("mark").getString("name")).isEqualTo(itemId + ":" + i * 100);
        }
    }

    /** Returns once every Twilio frame sent so far has been handled (frames of a stream are handled in order). */
    private void processed(FakeTwilioCall twilio, FakeRealtimeSession session) {
        String probe = Audio.frame(5000 + frame++);
        twilio.media(probe);
        while (!session.await("input_audio_buffer.append").getString("audio").equals(probe)) {
            Thread.onSpinWait();
        }
    }
}
