package dev.switchboard.e2e.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake OpenAI Realtime server for the benchmark: it answers the session handshake and echoes the gateway's
 * {@code input_audio_buffer.append}s back as {@code response.output_audio.delta}s as its {@link EchoMode} says, so
 * each caller frame makes a round trip through the gateway (Twilio → gateway → "OpenAI" → gateway → Twilio).
 */
final class EchoRealtimeServer {

    private final AtomicLong sessions = new AtomicLong();
    private final EchoMode mode;
    private final int port;

    EchoRealtimeServer(Vertx vertx, EchoMode mode) {
        this.mode = mode;
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
        // Only the batch mode keeps audio between appends; touched on this socket's event loop only.
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int[] appends = {0};
        ws.writeTextMessage(new JsonObject().put("type", "session.created")
                .put("session", new JsonObject().put("type", "realtime").put("id", "sess_echo_" + session)).encode());
        ws.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            switch (event.getString("type", "")) {
                case "input_audio_buffer.append" -> {
                    if (mode.appendsPerDelta() == 1) {
                        ws.writeTextMessage(prefix + event.getString("audio") + "\"}");
                    } else {
                        pending.writeBytes(Base64.getDecoder().decode(event.getString("audio")));
                        if (++appends[0] == mode.appendsPerDelta()) {
                            ws.writeTextMessage(prefix + Base64.getEncoder().encodeToString(pending.toByteArray())
                                    + "\"}");
                            pending.reset();
                            appends[0] = 0;
                        }
                    }
                }
                case "session.update" -> ws.writeTextMessage(new JsonObject().put("type", "session.updated")
                        .put("session", event.getJsonObject("session")).encode());
                default -> { }
            }
        });
    }
}
