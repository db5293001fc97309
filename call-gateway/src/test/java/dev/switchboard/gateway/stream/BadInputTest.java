package dev.switchboard.gateway.stream;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bad input is dropped: the call that sent it and a concurrent call both keep working. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class BadInputTest {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @InjectFakeRealtime
    FakeRealtime openai;

    private FakeTwilioCall bad;
    private FakeRealtimeSession badSession;
    private FakeTwilioCall other;
    private FakeRealtimeSession otherSession;
    private int frame = 1000;

    @BeforeEach
    void twoLiveCalls() {
        openai.reset();
        bad = FakeTwilioCall.dial("CA_bad_" + CALLS.incrementAndGet());
        badSession = openai.nextSession();
        badSession.await("session.update");
        other = FakeTwilioCall.dial("CA_bad_" + CALLS.incrementAndGet());
        otherSession = openai.nextSession();
        otherSession.await("session.update");
    }

    @AfterEach
    void hangUp() {
        bad.close();
        other.close();
    }

    @Test
    void malformedJsonIsDropped() {
        bad.sendText("{\"event\": \"media\", ");
        bothCallsStillWork();
    }

    @Test
    void anUnknownEventIsDropped() {
        bad.send(new JsonObject().put("event", "surprise").put("streamSid", bad.streamSid));
        bad.send(new JsonObject().put("event", "media").put("streamSid", bad.streamSid).put("media", "not an object"));
        bothCallsStillWork();
    }

    @Test
    void aOneMebibytePayloadIsDropped() {
        char[] huge = new char[1 << 20];
        Arrays.fill(huge, 'A');
        bad.media(new String(huge));
        bothCallsStillWork();
        assertThat(badSession.received("input_audio_buffer.append"))
                .allMatch(e -> e.getString("audio").length() < 1000);
    }

    @Test
    void aBinaryFrameIsDropped() {
        bad.sendBinary(new byte[]{1, 2, 3, 4});
        bothCallsStillWork();
    }

    @Test
    void aNonBase64PayloadIsDropped() {
        bad.media("\"},{\"type\":\"response.cancel");
        bothCallsStillWork();
        assertThat(badSession.received("response.cancel")).isEmpty();
    }

    @Test
    void mediaBeforeStartIsDroppedAndTheCallStartsNormallyAfterwards() {
        try (FakeTwilioCall early = FakeTwilioCall.open("CA_bad_early", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            early.media(Audio.frame(1));
            early.dtmf("1");
            early.start(FakeTwilioCall.streamToken("CA_bad_early"));
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            early.media(Audio.frame(2));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(2));
        }
        bothCallsStillWork();
    }

    @Test
    void garbageFromTheRealtimeServerIsDropped() {
        badSession.sendRaw("not json at all");
        badSession.sendRaw("{\"type\": \"response.output_audio.delta\", \"delta\": 42, \"item_id\": \"i\"}");
        badSession.send(new JsonObject().put("type", "response.output_audio.delta").put("item_id", "i")
                .put("delta", "<not base64>"));
        bothCallsStillWork();
        assertThat(bad.received("media")).hasSize(1);
    }

    private void bothCallsStillWork() {
        for (var pair : Map.of(bad, badSession, other, otherSession).entrySet()) {
            String payload = Audio.frame(frame++);
            pair.getKey().media(payload);
            assertThat(pair.getValue().await("input_audio_buffer.append").getString("audio")).isEqualTo(payload);
            String reply = Audio.frame(frame++);
            pair.getValue().audioDelta("resp_x", "item_x", reply);
            assertThat(pair.getKey().await("media").getJsonObject("media").getString("payload")).isEqualTo(reply);
            assertThat(pair.getKey().isClosed()).isFalse();
        }
    }
}
