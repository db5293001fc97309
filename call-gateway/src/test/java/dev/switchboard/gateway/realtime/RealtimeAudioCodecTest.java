package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.sockets.RandomJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte path takes plain audio deltas only, and agrees with the full read on every one it takes. */
class RealtimeAudioCodecTest {

    private final RealtimeAudioCodec codec = new RealtimeAudioCodec();

    @Test
    void readsGaAndBetaDeltasWhateverTheFieldOrder() {
        assertThat(read("""
                {"event_id":"e1","delta":"AAAA","type":"response.output_audio.delta","response_id":"r1",
                 "item_id":"i1","output_index":0,"content_index":0,"extra":{"delta":[1,"\\"x"]}}"""))
                .isEqualTo(new AudioDelta("r1", "i1", "AAAA"));
        assertThat(read(" {\"type\" : \"response.audio.delta\" ,\n\"item_id\":\"i\",\t\"delta\":\"BBBB\"}\r\n"))
                .isEqualTo(new AudioDelta(null, "i", "BBBB"));
    }

    @Test
    void everyOtherEventIsLeftToTheFullRead() {
        assertThat(read("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"hi\"}")).isNull();
        assertThat(read("{\"type\":\"response.output_text.delta\",\"delta\":\"audio.delta\"}")).isNull();
        assertThat(read("{\"delta\":\"AAAA\",\"item_id\":\"i\"}")).isNull();
    }

    @Test
    void anythingUnusualIsLeftToTheFullRead() {
        for (String event : new String[]{
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AA\\/A\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"\\u0069\",\"delta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"\\u0064elta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio\\u002edelta\",\"item_id\":\"i\",\"delta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":42}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":null,\"delta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AAAA\",\"delta\":\"BBBB\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\"}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AAAA\"",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AAAA\"} {}",
                "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AAAA\",}",
                "{\"type\":\"response.output_audio.delta\",\"n\":01,\"item_id\":\"i\",\"delta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio.delta\",\"x\":[1,],\"item_id\":\"i\",\"delta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio.delta\",\"x\":\"\u00e9\",\"item_id\":\"\u00e9\",\"delta\":\"A\"}",
                "{\"type\":\"response.output_audio.delta\",\"" + "k".repeat(2000) + "\":1,\"delta\":\"AAAA\"}",
                "{\"type\":\"response.output_audio.delta\",\"x\":" + "[".repeat(40) + "]".repeat(40)
                        + ",\"delta\":\"AAAA\"}",
                "[\"response.output_audio.delta\"]", "", "not json"}) {
            assertThat(read(event)).as(event).isNull();
        }
    }

    @Test
    void readsAPayloadOfSeveralMegabytes() {
        String audio = new RandomJson(new Random(1), 0).base64(6 << 20);
        assertThat(read("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"" + audio + "\"}")
                .delta()).isEqualTo(audio);
    }

    @Test
    void theIdsOfOneResponseAreReadOnce() {
        AudioDelta first = read("{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\","
                + "\"delta\":\"AAAA\"}");
        AudioDelta second = read("{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\","
                + "\"delta\":\"BBBB\"}");
        assertThat(second.itemId()).isSameAs(first.itemId());
        assertThat(second.responseId()).isSameAs(first.responseId());
        assertThat(read("{\"type\":\"response.output_audio.delta\",\"item_id\":\"j\",\"delta\":\"AAAA\"}"))
                .isEqualTo(new AudioDelta(null, "j", "AAAA"));
    }

    @Test
    void writesAnAppendEvent() {
        Buffer event = RealtimeAudioCodec.append("AAAA/+==");
        assertThat(event.toString()).isEqualTo("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA/+==\"}");
        assertThat(new JsonObject(event)).isEqualTo(new JsonObject().put("type", "input_audio_buffer.append")
                .put("audio", "AAAA/+=="));
    }

    @Test
    void agreesWithJacksonOnRandomValidDeltas() {
        Random random = new Random(19);
        int plainTaken = 0;
        for (int n = 0; n < 5_000; n++) {
            RandomJson json = new RandomJson(random, n % 2 == 0 ? 0 : 0.05);
            String responseId = json.id("resp_");
            String itemId = json.id("item_");
            String audio = json.base64(random.nextInt(3000));
            String type = random.nextBoolean() ? "response.output_audio.delta" : "response.audio.delta";
            List<String[]> members = new ArrayList<>(List.of(new String[]{"type", json.string(type)},
                    new String[]{"delta", json.string(audio)}, new String[]{"item_id", json.string(itemId)},
                    new String[]{"response_id", json.string(responseId)},
                    new String[]{"event_id", json.string(json.id("event_"))},
                    new String[]{"output_index", "0"}, new String[]{"content_index", "0"}));
            for (int i = random.nextInt(3); i > 0; i--) {
                members.add(json.extra());
            }
            String text = json.object(members);
            JsonObject tree = new JsonObject(text);
            AudioDelta expected = new AudioDelta(tree.getString("response_id"), tree.getString("item_id"),
                    tree.getString("delta"));
            AudioDelta streaming = AudioDelta.readOrNull(text);   // null: left to ServerEvents
            assertThat(streaming == null ? expected : streaming).as(text).isEqualTo(expected);
            AudioDelta fast = read(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(expected);
            }
            if (n % 2 == 0) {
                assertThat(fast).as("a plain delta takes the byte path: %s", text).isNotNull();
                plainTaken++;
            }
        }
        assertThat(plainTaken).isEqualTo(2_500);
    }

    @Test
    void neverTakesWhatTheFullReadRefusesOrReadsOtherwise() {
        Random random = new Random(91);
        for (int n = 0; n < 20_000; n++) {
            RandomJson json = new RandomJson(random, 0.02);
            String text = json.broken(json.object(List.of(
                    new String[]{"type", json.string("response.output_audio.delta")},
                    new String[]{"delta", json.string(json.base64(random.nextInt(12)))},
                    new String[]{"item_id", json.string("item_" + random.nextInt(9))}, json.extra())));
            AudioDelta fast = read(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(AudioDelta.readOrNull(text));
                assertThat(new JsonObject(text).getString("delta")).as(text).isEqualTo(fast.delta());
            }
        }
    }

    private AudioDelta read(String text) {
        return codec.read(Buffer.buffer(text));
    }
}
