package dev.switchboard.gateway.localagent;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** A Realtime API client for tests: sends client events, and waits for server events in arrival order. */
final class RealtimeTestClient {

    private final LinkedBlockingDeque<JsonObject> inbox = new LinkedBlockingDeque<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private WebSocket socket;

    private RealtimeTestClient() {
    }

    static RealtimeTestClient connect(Vertx vertx, int port) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI(LocalRealtimeServer.PATH + "?model=gpt-realtime");
        RealtimeTestClient test = new RealtimeTestClient();
        // The handler is in place before the socket connects, so nothing the server sends first depends on when
        // the connect callback runs.
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(text -> test.inbox.add(new JsonObject(text)));
        test.socket = socket.connect(options).toCompletionStage().toCompletableFuture().join();
        return test;
    }

    void send(JsonObject event) {
        socket.writeTextMessage(event.encode());
    }

    void sendRaw(String text) {
        socket.writeTextMessage(text);
    }

    void sendBinary() {
        socket.writeBinaryMessage(Buffer.buffer(new byte[]{1, 2, 3}));
    }

    /** Waits for the next event of {@code type}; events of other types before it are kept in {@link #seen()}. */
    JsonObject next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonObject event = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                seen.add(event);
                if (type.equals(event.getString("type"))) {
                    return event;
                }
            }
        }
        throw new AssertionError("no " + type + " within 10 s; saw " + types());
    }

    List<JsonObject> seen() {
        return seen;
    }

    List<String> types() {
        return seen.stream().map(e -> e.getString("type")).toList();
    }

    void close() {
        socket.close();
    }
}
