package dev.switchboard.control.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for call-gateway (and for Twilio's status callback target) in local mode: answers {@code /twiml} with a
 * Stream to its own {@code /call}, accepts the local dialer's Media Stream and records every frame with its
 * arrival time, and answers {@code /twilio/status} with 204. Both public URLs point at it.
 */
public class FakeGatewayServer implements QuarkusTestResourceLifecycleManager {

    /** One frame the local dialer sent on a Media Stream. */
    public record Received(JsonObject frame, long atNanos) { }

    public static final LinkedBlockingDeque<Received> FRAMES = new LinkedBlockingDeque<>();

    private Vertx vertx;
    private int port;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer().requestHandler(this::http).webSocketHandler(this::stream)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        String base = "http://127.0.0.1:" + port;
        return Map.of("control.gateway-public-url", base, "control.public-url", base);
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** The next frame of {@code event} for {@code callSid}'s stream (found through its start), within 10 s. */
    public static Received next(String event, String streamSid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Received received = FRAMES.poll(50, TimeUnit.MILLISECONDS);
            if (received != null && event.equals(received.frame().getString("event"))
                    && (streamSid == null || streamSid.equals(received.frame().getString("streamSid")))) {
                return received;
            }
        }
        throw new AssertionError("no " + event + " frame within 10 s");
    }

    private void http(HttpServerRequest request) {
        if (request.path().equals("/twiml")) {
            request.response().putHeader("Content-Type", "text/xml").end("""
                    <?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="ws://127.0.0.1:%d/call"/>\
                    </Connect></Response>""".formatted(port));
        } else {
            request.response().setStatusCode(204).end();
        }
    }

    private void stream(ServerWebSocket ws) {
        ws.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            if (!"media".equals(frame.getString("event"))) {
                FRAMES.add(new Received(frame, System.nanoTime()));
            }
        });
    }
}
