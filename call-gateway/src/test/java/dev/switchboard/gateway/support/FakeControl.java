package dev.switchboard.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for control-api: accepts the gateway's link on /internal/gateway (recording each handshake's
 * Authorization header and every frame), acknowledges numbered events as control-api does once they are stored
 * (and answers hello with the last one it acknowledged), can stop acknowledging, refuse or drop the link, and
 * answers GET /internal/calls/{sid}/context. Run by {@link FakeControlApi}.
 */
public final class FakeControl {

    public static final String TOKEN = "test-internal-token";

    public final List<String> handshakeTokens = new CopyOnWriteArrayList<>();
    public final LinkedBlockingDeque<JsonObject> received = new LinkedBlockingDeque<>();
    public final Map<String, JsonObject> contexts = new ConcurrentHashMap<>();
    /** What GET /internal/calls/{sid}/conversation answers, per CallSid (404 when absent). */
    public final Map<String, JsonObject> conversations = new ConcurrentHashMap<>();
    public volatile boolean refusing;
    /** Acknowledge each numbered event as it arrives. */
    public volatile boolean acking = true;
    /** Answer hello with the last acknowledged sequence number, as control-api does (an older one does not). */
    public volatile boolean answeringHello = true;
    public volatile long lastAcked;
    public volatile long contextDelayMs;
    /** Context requests per CallSid. */
    public final Map<String, AtomicInteger> contextRequests = new ConcurrentHashMap<>();
    private volatile ServerWebSocket link;

    void accept(ServerWebSocket socket) {
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

    void answer(HttpServerRequest request) {
        String[] parts = request.path().split("/");
        if (parts.length == 5) {
            contextRequests.computeIfAbsent(parts[3], sid -> new AtomicInteger())
                    .incrementAndGet();
        }
        JsonObject context = parts.length != 5 ? null
                : "conversation".equals(parts[4]) ? conversations.get(parts[3]) : contexts.get(parts[3]);
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

    public boolean isLinked() {
        ServerWebSocket current = link;
        return current != null && !current.isClosed();
    }

    public void send(JsonObject frame) {
        link.writeTextMessage(frame.encode());
    }

    public void dropLink() {
        link.close();
    }

    public JsonObject next() throws InterruptedException {
        JsonObject frame = received.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("control-api fake got no frame within 10 s");
        }
        return frame;
    }

    public JsonObject nextOfType(String type) throws InterruptedException {
        while (true) {
            JsonObject frame = next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }
}
