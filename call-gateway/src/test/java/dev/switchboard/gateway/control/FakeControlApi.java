package dev.switchboard.gateway.control;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for control-api: accepts the gateway's link on /internal/gateway (recording each handshake's
 * Authorization header and every frame), acknowledges numbered events as control-api does once they are stored
 * (and answers hello with the last one it acknowledged), can stop acknowledging, refuse or drop the link, and
 * answers GET /internal/calls/{sid}/context.
 */
public class FakeControlApi implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "test-internal-token";
    static final Fake FAKE = new Fake();

    private final Vertx vertx = Vertx.vertx();

    @Override
    public Map<String, String> start() {
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(FAKE::accept)
                .requestHandler(FAKE::answer)
                .listen(0).toCompletionStage().toCompletableFuture().join();
        return Map.of(
                "gateway.control.url", "http://localhost:" + server.actualPort(),
                "gateway.control.internal-token", TOKEN,
                "gateway.control.queue-size", "20",
                "gateway.control.reconnect-min", "20ms",
                "gateway.control.reconnect-max", "200ms",
                "gateway.control.ack-timeout", "1s",
                "gateway.control.context-timeout", "1s");
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static final class Fake {
        final List<String> handshakeTokens = new CopyOnWriteArrayList<>();
        final LinkedBlockingDeque<JsonObject> received = new LinkedBlockingDeque<>();
        final Map<String, JsonObject> contexts = new ConcurrentHashMap<>();
        volatile boolean refusing;
        /** Acknowledge each numbered event as it arrives. */
        volatile boolean acking = true;
        /** Answer hello with the last acknowledged sequence number, as control-api does (an older one does not). */
        volatile boolean answeringHello = true;
        volatile long lastAcked;
        volatile long contextDelayMs;
        /** Context requests per CallSid. */
        final Map<String, java.util.concurrent.atomic.AtomicInteger> contextRequests = new ConcurrentHashMap<>();
        private volatile ServerWebSocket link;

        private void accept(ServerWebSocket socket) {
            handshakeTokens.add(String.valueOf(socket.headers().get("Authorization")));
            if (refusing || !("Bearer " + TOKEN).equals(socket.headers().get("Authorization"))) {
                socket.reject(refusing ? 503 : 401);
                return;
            }
            link = socket;
            socket.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                received.add(frame);
                acknowledge(socket, frame);
            });
        }

        private void acknowledge(ServerWebSocket socket, JsonObject frame) {
            Long seq = frame.getLong("seq");
            if ("gateway.hello".equals(frame.getString("type")) && answeringHello) {
                socket.writeTextMessage(ack(lastAcked));
            } else if (seq != null && acking) {
                lastAcked = Math.max(lastAcked, seq);
                socket.writeTextMessage(ack(seq));
            }
        }

        private static String ack(long seq) {
            return new JsonObject().put("type", "link.ack").put("callSid", null).put("at", "2026-01-01T00:00:00Z")
                    .put("data", new JsonObject().put("seq", seq)).encode();
        }

        private void answer(HttpServerRequest request) {
            String[] parts = request.path().split("/");
            if (parts.length == 5) {
                contextRequests.computeIfAbsent(parts[3], sid -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet();
            }
            JsonObject context = parts.length == 5 ? contexts.get(parts[3]) : null;
            boolean authorized = ("Bearer " + TOKEN).equals(request.getHeader("Authorization"));
            request.response().setStatusCode(!authorized ? 401 : context == null ? 404 : 200)
                    .putHeader("Content-Type", "application/json");
            Runnable reply = () -> request.response().end(context == null || !authorized ? "{}" : context.encode());
            if (contextDelayMs > 0) {
                Vertx.currentContext().owner().setTimer(contextDelayMs, id -> reply.run());
            } else {
                reply.run();
            }
        }

        boolean isLinked() {
            ServerWebSocket current = link;
            return current != null && !current.isClosed();
        }

        void send(JsonObject frame) {
            link.writeTextMessage(frame.encode());
        }

        void dropLink() {
            link.close();
        }

        JsonObject next() throws InterruptedException {
            JsonObject frame = received.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("control-api fake got no frame within 10 s");
            }
            return frame;
        }

        JsonObject nextOfType(String type) throws InterruptedException {
            while (true) {
                JsonObject frame = next();
                if (type.equals(frame.getString("type"))) {
                    return frame;
                }
            }
        }
    }
}
