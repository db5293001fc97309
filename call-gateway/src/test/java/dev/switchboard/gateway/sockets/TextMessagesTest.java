package dev.switchboard.gateway.sockets;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages arrive whole, as their bytes, however they were framed; and leave as the bytes given. */
class TextMessagesTest {

    private final Vertx vertx = Vertx.vertx();
    private final LinkedBlockingDeque<String> received = new LinkedBlockingDeque<>();
    private final LinkedBlockingDeque<String> echoed = new LinkedBlockingDeque<>();
    private WebSocket client;

    @BeforeEach
    void connect() {
        HttpServer server = vertx.createHttpServer().webSocketHandler(socket -> TextMessages.receive(socket, 64,
                        text -> {
                            received.add("text " + text);
                            TextMessages.write(socket, text);
                        },
                        binary -> received.add("binary " + binary.length()),
                        tooLong -> received.add("too long")))
                .listen(0).toCompletionStage().toCompletableFuture().join();
        client = vertx.createWebSocketClient().connect(server.actualPort(), "localhost", "/")
                .toCompletionStage().toCompletableFuture().join();
        client.textMessageHandler(echoed::add);
    }

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aMessageInOneFrameArrivesAsItsBytesAndIsWrittenBackAsText() throws InterruptedException {
        client.writeTextMessage("{\"event\":\"media\",\"é\":1}");
        assertThat(next(received)).isEqualTo("text {\"event\":\"media\",\"é\":1}");
        assertThat(next(echoed)).isEqualTo("{\"event\":\"media\",\"é\":1}");
    }

    @Test
    void aMessageInSeveralFramesArrivesWhole() throws InterruptedException {
        client.writeFrame(WebSocketFrame.textFrame("{\"event\":", false));
        client.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"media\","), false));
        client.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"x\":1}"), true));
        client.writeBinaryMessage(Buffer.buffer(new byte[]{1, 2, 3}));
        assertThat(next(received)).isEqualTo("text {\"event\":\"media\",\"x\":1}");
        assertThat(next(received)).isEqualTo("binary 3");
    }

    @Test
    void aMessageOverTheLimitIsDroppedAndTheNextOneArrives() throws InterruptedException {
        client.writeFrame(WebSocketFrame.textFrame("x".repeat(40), false));
        client.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("y".repeat(40)), true));
        client.writeTextMessage("{}");
        assertThat(next(received)).isEqualTo("too long");
        assertThat(next(received)).isEqualTo("text {}");
    }

    private static String next(LinkedBlockingDeque<String> queue) throws InterruptedException {
        return queue.poll(5, TimeUnit.SECONDS);
    }
}
