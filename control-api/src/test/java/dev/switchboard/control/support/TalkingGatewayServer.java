package dev.switchboard.control.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for call-gateway in local mode with an agent that talks: answers {@code /twiml} with a Stream to its own
 * {@code /call}; on {@code start} it says half a second of a loud tone (μ-law), then listens, and hangs up (closes the
 * stream) once {@link #HANG_UP_AFTER_FRAMES} caller frames have arrived. Only {@code control.gateway-public-url} points
 * at it; Twilio's callbacks go to control-api itself.
 */
public class TalkingGatewayServer implements QuarkusTestResourceLifecycleManager {

    /**
     * Caller frames (20 ms each) after which the agent hangs up: past the local caller's first line, and past the
     * local answering machine's greeting and beep (5.8 s).
     */
    public static final int HANG_UP_AFTER_FRAMES = 400;
    private static final int AGENT_FRAMES = 25;

    private Vertx vertx;
    private int port;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer().requestHandler(this::http).webSocketHandler(this::stream)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return Map.of("control.gateway-public-url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void http(HttpServerRequest request) {
        request.response().putHeader("Content-Type", "text/xml").end("""
                <?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="ws://127.0.0.1:%d/call"/>\
                </Connect></Response>""".formatted(port));
    }

    private void stream(ServerWebSocket ws) {
        AtomicInteger callerFrames = new AtomicInteger();
        ws.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            switch (frame.getString("event", "")) {
                case "start" -> speak(ws, frame.getString("streamSid"));
                case "media" -> {
                    if (callerFrames.incrementAndGet() == HANG_UP_AFTER_FRAMES) {
                        ws.close((short) 1000);
                    }
                }
                default -> { }
            }
        });
    }

    private static void speak(ServerWebSocket ws, String streamSid) {
        byte[] tone = new byte[160];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (byte) (i % 8 < 4 ? 0x10 : 0x90);
        }
        String payload = Base64.getEncoder().encodeToString(Arrays.copyOf(tone, tone.length));
        for (int i = 0; i < AGENT_FRAMES; i++) {
            ws.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid)
                    .put("media", new JsonObject().put("payload", payload)).encode());
        }
        ws.writeTextMessage(new JsonObject().put("event", "mark").put("streamSid", streamSid)
                .put("mark", new JsonObject().put("name", "agent-said")).encode());
    }
}
