package dev.switchboard.control.localdial;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TwilioMediaClientTest {

    private Vertx vertx;
    private FakeTwilioStreamServer server;
    private TwilioMediaClient client;
    private final List<String> echoed = new CopyOnWriteArrayList<>();
    private volatile Integer closedWith;

    @BeforeEach
    void connect() throws Exception {
        vertx = Vertx.vertx();
        server = new FakeTwilioStreamServer(vertx);
        MediaStreamOptions options = new MediaStreamOptions(URI.create("ws://127.0.0.1:" + server.port + "/call"),
                Map.of("X-Twilio-Signature", "sig"), "AC00000000000000000000000000000000", "CA42",
                Map.of("streamToken", "tok"));
        client = new TwilioMediaClient(vertx, options, new MediaListener() {
            @Override
            public void markEchoed(String name, boolean flushed) {
                echoed.add(name + (flushed ? ":flushed" : ""));
            }

            @Override
            public void closed(int code, String reason) {
                closedWith = code;
            }
        });
        client.connect().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void opensLikeTwilioAndSendsPacedStringTypedMediaFrames() throws Exception {
        assertThat(server.signature).isEqualTo("sig");
        assertThat(server.next("connected").getString("protocol")).isEqualTo("Call");
        JsonObject start = server.next("start");
        assertThat(start.getString("sequenceNumber")).isEqualTo("1");
        assertThat(start.getString("streamSid")).startsWith("MZ").hasSize(34);
        assertThat(start.getJsonObject("start").getString("callSid")).isEqualTo("CA42");
        assertThat(start.getJsonObject("start").getJsonObject("customParameters").getString("streamToken"))
                .isEqualTo("tok");
        assertThat(start.getJsonObject("start").getJsonObject("mediaFormat").getInteger("sampleRate")).isEqualTo(8000);

        client.play(new byte[]{1, 2, 3});
        long first = System.nanoTime();
        JsonObject media = server.next("media");
        long firstChunk = Long.parseLong(media.getJsonObject("media").getString("chunk"));
        for (int i = 0; i < 24; i++) {
            media = server.next("media");
        }
        long elapsedMs = (System.nanoTime() - first) / 1_000_000;
        assertThat(elapsedMs).isBetween(400L, 1_200L);
        assertThat(media.getJsonObject("media").getString("chunk")).isEqualTo(Long.toString(firstChunk + 24));
        assertThat(media.getJsonObject("media").getString("timestamp")).isEqualTo(Long.toString((firstChunk + 23) * 20));
        assertThat(media.getJsonObject("media").getString("track")).isEqualTo("inbound");
        assertThat(Base64.getDecoder().decode(media.getJsonObject("media").getString("payload"))).hasSize(160);
    }

    @Test
    void echoesAMarkOnlyAfterTheAudioBeforeItHasPlayed() throws Exception {
        server.next("start");
        server.send(media(8 * 600));
        server.send(mark("a"));
        long sent = System.nanoTime();
        JsonObject echo = server.next("mark");
        long afterMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(echo.getJsonObject("mark").getString("name")).isEqualTo("a");
        assertThat(afterMs).isBetween(560L, 1_500L);
        server.send(mark("no-audio"));
        assertThat(server.next("mark").getJsonObject("mark").getString("name")).isEqualTo("no-audio");
    }

    @Test
    void clearEchoesEveryPendingMarkAtOnce() throws Exception {
        server.next("start");
        server.send(media(8 * 5_000));
        server.send(mark("m1"));
        server.send(media(8 * 5_000));
        server.send(mark("m2"));
        await().atMost(2, TimeUnit.SECONDS).until(() -> client.audioBytesReceived() == 80_000);
        assertThat(echoed).isEmpty();
        server.send(new JsonObject().put("event", "clear").put("streamSid", client.streamSid()));
        assertThat(server.next("mark").getJsonObject("mark").getString("name")).isEqualTo("m1");
        assertThat(server.next("mark").getJsonObject("mark").getString("name")).isEqualTo("m2");
        assertThat(echoed).containsExactly("m1:flushed", "m2:flushed");
    }

    @Test
    void sendsDtmfAndStopAndReportsTheServerClosing() throws Exception {
        server.next("start");
        client.sendDtmf("7");
        JsonObject dtmf = server.next("dtmf");
        assertThat(dtmf.getJsonObject("dtmf").getString("digit")).isEqualTo("7");
        assertThat(dtmf.getJsonObject("dtmf").getString("track")).isEqualTo("inbound_track");
        client.stop();
        assertThat(server.next("stop").getJsonObject("stop").getString("callSid")).isEqualTo("CA42");
        await().atMost(2, TimeUnit.SECONDS).until(() -> closedWith != null);
    }

    @Test
    void reportsWhenTheServerClosesTheStream() throws Exception {
        server.next("start");
        server.socket.get().close((short) 1008, "bad token");
        assertThat(client.closed().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(1008);
        long sent = client.framesSent();
        await().during(100, TimeUnit.MILLISECONDS).atMost(1, TimeUnit.SECONDS)
                .until(() -> client.framesSent() == sent);
    }

    private JsonObject media(int bytes) {
        return new JsonObject().put("event", "media").put("streamSid", client.streamSid())
                .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(new byte[bytes])));
    }

    private JsonObject mark(String name) {
        return new JsonObject().put("event", "mark").put("streamSid", client.streamSid())
                .put("mark", new JsonObject().put("name", name));
    }
}
