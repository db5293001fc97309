package dev.switchboard.gateway.support;

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
    /** Send session.created as soon as a socket opens (as OpenAI does). */
    public volatile boolean announceSession = true;
    /** Answer every session.update with session.updated. */
    public volatile boolean acknowledgeUpdates = true;
    /** Answer every input_audio_buffer.append with an audio delta carrying the same audio. */
    public volatile boolean echoAudio;
    /** Refuse every new socket with HTTP 503, as if the service were down. */
    public volatile boolean rejectConnections;

    void accept(ServerWebSocket socket) {
        if (rejectConnections) {
            socket.reject(503);
            return;
        }
        accepted.incrementAndGet();
        FakeRealtimeSession session = new FakeRealtimeSession(socket, this);
        open.add(session);
        sessions.add(session);
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
    }

    static JsonObject event(String type) {
        return new JsonObject().put("type", type).put("event_id", "evt_" + System.nanoTime());
    }
}
