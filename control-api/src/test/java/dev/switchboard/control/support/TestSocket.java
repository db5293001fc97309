package dev.switchboard.control.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A plain Vert.x WebSocket client for tests: collects text frames and remembers how the server closed. */
public final class TestSocket implements AutoCloseable {

    public final LinkedBlockingDeque<String> frames = new LinkedBlockingDeque<>();
    public volatile Short closeStatus;
    public volatile String closeReason;
    private final WebSocket socket;

    private TestSocket(WebSocket socket) {
        this.socket = socket;
        // Installed on the event loop as the handshake completes, so not even the server's first frame is missed.
        socket.textMessageHandler(frames::add);
        socket.closeHandler(v -> {
            closeStatus = socket.closeStatusCode();
            closeReason = socket.closeReason();
        });
    }

    public static TestSocket open(Vertx vertx, URI base, String pathAndQuery, Map<String, String> headers) {
        return open(vertx, new WebSocketClientOptions(), base, pathAndQuery, headers);
    }

    /** Opens a socket; fails with the server's refusal (an UpgradeRejectedException) if the upgrade is refused. */
    public static TestSocket open(Vertx vertx, WebSocketClientOptions options, URI base, String pathAndQuery,
                                  Map<String, String> headers) {
        var connect = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(pathAndQuery);
        headers.forEach(connect::addHeader);
        return vertx.createWebSocketClient(options.setMaxMessageSize(1 << 20)).connect(connect)
                .map(TestSocket::new).toCompletionStage().toCompletableFuture().join();
    }

    public JsonObject next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within 10 s");
        return new JsonObject(frame);
    }

    /** The next frame about one of {@code callSids}, skipping frames about other calls. */
    public JsonObject nextFor(String... callSids) throws InterruptedException {
        while (true) {
            JsonObject frame = next();
            if (java.util.Arrays.asList(callSids).contains(frame.getString("callSid"))) {
                return frame;
            }
        }
    }

    public void send(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
    }

    public void pause() {
        socket.pause();
    }

    public void resume() {
        socket.resume();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }

    public static JsonObject event(String type, String callSid, JsonObject data) {
        return new JsonObject().put("type", type).put("callSid", callSid).put("at", "2026-01-01T00:00:00Z")
                .put("data", data);
    }
}
