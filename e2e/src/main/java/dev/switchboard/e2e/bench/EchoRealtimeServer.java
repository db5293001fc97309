package dev.switchboard.e2e.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake OpenAI Realtime server for the benchmark: it answers the session handshake and echoes every
 * {@code input_audio_buffer.append} straight back as a {@code response.output_audio.delta}, so each caller frame
 * makes a round trip through the gateway (Twilio → gateway → "OpenAI" → gateway → Twilio).
 */
final class EchoRealtimeServer {

    private final AtomicLong sessions = new AtomicLong();
    private final int port;

    EchoRealtimeServer(Vertx vertx) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setMaxWebSocketMessageSize(16 * 1024 * 1024);
        port = vertx.createHttpServer(options).webSocketHandler(this::accept).listen()
                .toCompletionStage().toCompletableFuture().join().actualPort();
    }

    int port() {
        return port;
    }

    private void accept(ServerWebSocket ws) {
        long session = sessions.incrementAndGet();
        String itemId = "item_echo_" + session;
        String prefix = "{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_echo_" + session
                + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"";
        ws.writeTextMessage(new JsonObject().put("type", "session.created")
                .put("session", new JsonObject().put("type", "realtime").put("id", "sess_echo_" + session)).encode());
        ws.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            switch (event.getString("type", "")) {
                case "input_audio_buffer.append" -> ws.writeTextMessage(prefix + event.getString("audio") + "\"}");
                case "session.update" -> ws.writeTextMessage(new JsonObject().put("type", "session.updated")
                        .put("session", event.getJsonObject("session")).encode());
                default -> { }
            }
        });
    }
}
