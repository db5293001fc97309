package dev.switchboard.gateway.media;

import dev.switchboard.gateway.sockets.RandomJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte path takes plain media messages only, and reads every message as the full read does. */
class TwilioMediaCodecTest {

    @Test
    void readsAMediaMessageWhateverTheFieldOrder() {
        assertThat(TwilioMediaCodec.read(Buffer.buffer("""
                {"media":{"payload":"AAAA","chunk":"2","timestamp":"40","track":"inbound"},
                 "sequenceNumber":"3","streamSid":"MZ1","extra":{"nested":[1,{"payload":"no"}]},"event":"media"}""")))
                .isEqualTo(new TwilioFrame("media", "inbound", "AAAA", null, null));
        assertThat(TwilioMediaCodec.read(Buffer.buffer("{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}}")))
                .isEqualTo(new TwilioFrame("media", null, "AAAA", null, null));
    }

    @Test
    void otherEventsAndUnusualShapesAreLeftToTheFullRead() {
        for (String text : new String[]{
                "{\"event\":\"mark\",\"mark\":{\"name\":\"a\"}}",
                "{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA\\/A\"}}",
                "{\"event\":\"media\",\"media\":{\"\\u0070ayload\":\"AAAA\"}}",
                "{\"event\":\"\\u006dedia\",\"media\":{\"payload\":\"AAAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":42}}",
                "{\"event\":\"media\",\"media\":\"not an object\"}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\",\"payload\":\"BBBB\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"},\"mark\":{\"name\":\"a\"}}",
                "{\"event\":\"media\",\"media\":{\"track\":\"inbound\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}} x",
                "{\"event\": \"media\", ", "", "[]", "not json"}) {
            assertThat(TwilioMediaCodec.read(Buffer.buffer(text))).as(text).isNull();
        }
    }

    @Test
    void readingBytesGivesWhatReadingTextGives() throws IOException {
        for (String text : new String[]{"{\"event\":\"mark\",\"mark\":{\"name\":\"a\\\"b\\u0041\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA\\/A\",\"track\":\"inbound\"}}",
                "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"#\"}}", "{\"event\":7,\"media\":\"x\"}"}) {
            assertThat(TwilioFrame.read(Buffer.buffer(text))).isEqualTo(TwilioFrame.read(text));
        }
        assertThatThrownBy(() -> TwilioFrame.read(Buffer.buffer("{\"event\": \"media\", ")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void readsAPayloadOfSeveralMegabytes() {
        String audio = new RandomJson(new Random(2), 0).base64(5 << 20);
        TwilioFrame frame = TwilioMediaCodec.read(Buffer.buffer("{\"event\":\"media\",\"media\":{\"payload\":\""
                + audio + "\"}}"));
        assertThat(frame.payload()).isEqualTo(audio);
    }

    @Test
    void writesMediaAndMarkForItsStream() {
        TwilioMediaCodec codec = new TwilioMediaCodec("MZ1");
        assertThat(codec.media("AAAA").toString())
                .isEqualTo("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"AAAA\"}}");
        assertThat(codec.mark("item_1:20").toString())
                .isEqualTo("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"item_1:20\"}}");
        TwilioMediaCodec odd = new TwilioMediaCodec("MZ\"é");
        assertThat(new JsonObject(odd.mark("a\\\"b\u00e9:1"))).isEqualTo(new JsonObject().put("event", "mark")
                .put("streamSid", "MZ\"é").put("mark", new JsonObject().put("name", "a\\\"b\u00e9:1")));
        assertThat(new JsonObject(odd.media("AAAA")).getString("streamSid")).isEqualTo("MZ\"é");
    }

    @Test
    void agreesWithJacksonOnRandomValidMediaMessages() throws IOException {
        Random random = new Random(19);
        for (int n = 0; n < 5_000; n++) {
            RandomJson json = new RandomJson(random, n % 2 == 0 ? 0 : 0.05);
            String payload = json.base64(random.nextInt(400));
            List<String[]> media = new ArrayList<>(List.of(new String[]{"payload", json.string(payload)},
                    new String[]{"chunk", json.string(Integer.toString(n))},
                    new String[]{"timestamp", json.string(Integer.toString(n * 20))}));
            if (random.nextBoolean()) {
                media.add(new String[]{"track", json.string(random.nextBoolean() ? "inbound" : "outbound")});
            }
            List<String[]> members = new ArrayList<>(List.of(new String[]{"event", json.string("media")},
                    new String[]{"sequenceNumber", json.string(Integer.toString(n + 3))},
                    new String[]{"streamSid", json.string(json.id("MZ"))}, new String[]{"media", json.object(media)}));
            for (int i = random.nextInt(3); i > 0; i--) {
                members.add(json.extra());
            }
            String text = json.object(members);
            JsonObject tree = new JsonObject(text);
            TwilioFrame expected = new TwilioFrame("media", tree.getJsonObject("media").getString("track"),
                    tree.getJsonObject("media").getString("payload"), null, null);
            assertThat(TwilioFrame.read(text)).as(text).isEqualTo(expected);
            TwilioFrame fast = TwilioMediaCodec.read(Buffer.buffer(text));
            if (n % 2 == 0) {
                assertThat(fast).as("a plain media message takes the byte path: %s", text).isEqualTo(expected);
            } else if (fast != null) {
                assertThat(fast).as(text).isEqualTo(expected);
            }
        }
    }

    @Test
    void brokenMessagesAreReadOrRefusedAsTheFullReadDoes() {
        Random random = new Random(91);
        for (int n = 0; n < 20_000; n++) {
            RandomJson json = new RandomJson(random, 0.02);
            String text = json.broken(json.object(List.of(new String[]{"event", json.string("media")},
                    new String[]{"streamSid", json.string("MZ1")}, json.extra(),
                    new String[]{"media", json.object(List.of(new String[]{"payload", json.string(json.base64(9))},
                            new String[]{"track", json.string("inbound")}))})));
            Buffer bytes = Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
            TwilioFrame fromText;
            try {
                fromText = TwilioFrame.read(text);
            } catch (IOException e) {
                assertThat(TwilioMediaCodec.read(bytes)).as(text).isNull();
                assertThatThrownBy(() -> TwilioFrame.read(bytes)).as(text).isInstanceOf(IOException.class);
                continue;
            }
            try {
                assertThat(TwilioFrame.read(bytes)).as(text).isEqualTo(fromText);
            } catch (IOException e) {
                throw new AssertionError(text, e);
            }
        }
    }
}
