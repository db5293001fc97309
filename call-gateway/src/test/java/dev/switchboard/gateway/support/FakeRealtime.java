package dev.switchboard.gateway.support;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.fail;

/** Stands in for OpenAI Realtime: records what the gateway sends; tests script what it answers. */
public class FakeRealtime {

    private final LinkedBlockingDeque<FakeRealtimeSession> sessions = new LinkedBlockingDeque<>();
    final Set<FakeRealtimeSession> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger accepted = new AtomicInteger();
    Vertx vertx;
    /** Send session.created as soon as a socket opens (as OpenAI does). */
    public volatile boolean announceSession = true;
    /** Answer every session.update with session.updated. */
    public volatile boolean acknowledgeUpdates = true;
    /** Answer every input_audio_buffer.append with an audio delta carrying the same audio. */
    public volatile boolean echoAudio;
    /** Refuse every new socket with HTTP 503, as if the service were down. */
    public volatile boolean rejectConnections;
    /** How long the WebSocket handshake takes (the upgrade is answered after it). */
    public volatile long acceptDelayMs;
    /** How long session.updated takes to follow a session.update. */
    public volatile long updateDelayMs;
    /** When set, every response.create is answered with one audio delta carrying this audio. */
    public volatile String responseAudio;

    void accept(ServerWebSocket socket) {
        if (rejectConnections) {
            socket.reject(503);
            return;
        }
        FakeRealtimeSession session = new FakeRealtimeSession(socket, this);
        open.add(session);
        if (acceptDelayMs <= 0) {
            opened(session);
            return;
        }
        Promise<Integer> handshake = Promise.promise();
        socket.setHandshake(handshake.future()).onSuccess(ignored -> opened(session));
        vertx.setTimer(acceptDelayMs, id -> handshake.complete(101));
    }

    private void opened(FakeRealtimeSession session) {
        accepted.incrementAndGet();
        sessions.add(session);
        if (announceSession) {
            session.send(event("session.created").put("session", new JsonObject().put("id", "sess_1")));
        }
    }

    /** Runs {@code task} after {@code delayMs}, or now when it is 0. */
    void later(long delayMs, Runnable task) {
        if (delayMs <= 0) {
            task.run();
        } else {
            vertx.setTimer(delayMs, id -> task.run());
        }
    }

    public FakeRealtimeSession nextSession() {
        try {
            FakeRealtimeSession session = sessions.poll(5, TimeUnit.SECONDS);
            if (session == null) {
                fail("the gateway opened no Realtime session");
            }
            return session;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean noSessionWithin(long millis) throws InterruptedException {
        return sessions.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    public int acceptedSessions() {
        return accepted.get();
    }

    public int openSessions() {
        return open.size();
    }

    public void reset() {
        sessions.clear();
        announceSession = true;
        acknowledgeUpdates = true;
        echoAudio = false;
        rejectConnections = false;
        acceptDelayMs = 0;
        updateDelayMs = 0;
        responseAudio = null;
    }

    static JsonObject event(String type) {
        return new JsonObject().put("type", type).put("event_id", "evt_" + System.nanoTime());
    }
}
