package dev.switchboard.gateway.support;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.fail;

/** One Realtime socket the gateway opened. */
public class FakeRealtimeSession {

    public final String uri;
    public final String authorization;
    public final String betaHeader;
    private final ServerWebSocket socket;
    private final FakeRealtime fake;
    private final LinkedBlockingDeque<JsonObject> inbox = new LinkedBlockingDeque<>();
    private final List<JsonObject> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger echoes = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean acknowledged;

    FakeRealtimeSession(ServerWebSocket socket, FakeRealtime fake) {
        this.socket = socket;
        this.fake = fake;
        this.uri = socket.uri();
        this.authorization = socket.headers().get("Authorization");
        this.betaHeader = socket.headers().get("OpenAI-Beta");
        socket.textMessageHandler(this::onText);
        socket.closeHandler(ignored -> {
            closed = true;
            fake.open.remove(this);
        });
    }

    private void onText(String text) {
        JsonObject event = new JsonObject(text);
        all.add(event);
        inbox.add(event);
        String type = event.getString("type");
        if ("session.update".equals(type) && fake.acknowledgeUpdates) {
            fake.later(fake.updateDelayMs,
                    () -> {
                        send(FakeRealtime.event("session.updated").put("session", event.getJsonObject("session")));
                        acknowledged = true;
                    });
        }
        String audio = fake.responseAudio;
        if ("response.create".equals(type) && audio != null) {
            audioDelta("resp_first", "item_first", audio);
        }
        if ("input_audio_buffer.append".equals(type) && fake.echoAudio) {
            audioDelta("resp_echo", "item_echo_" + echoes.incrementAndGet(), event.getString("audio"));
        }
    }

    /** Waits for the next event of this type, skipping others. */
    public JsonObject await(String type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                JsonObject event = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (event != null && type.equals(event.getString("type"))) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return fail("the gateway sent no " + type + "; got " + all);
    }

    /** Every event received so far, in order. */
    public List<JsonObject> received() {
        return List.copyOf(all);
    }

    public List<JsonObject> received(String type) {
        return all.stream().filter(e -> type.equals(e.getString("type"))).toList();
    }

    public void send(JsonObject event) {
        socket.writeTextMessage(event.encode());
    }

    public void sendRaw(String text) {
        socket.writeTextMessage(text);
    }

    public void audioDelta(String responseId, String itemId, String base64) {
        send(FakeRealtime.event("response.output_audio.delta").put("response_id", responseId).put("item_id", itemId)
                .put("output_index", 0).put("content_index", 0).put("delta", base64));
    }

    public void sessionUpdated() {
        send(FakeRealtime.event("session.updated").put("session", new JsonObject()));
    }

    /** Stops reading from the socket, like an OpenAI server that has fallen behind. */
    public void pauseReading() {
        socket.pause();
    }

    public void resumeReading() {
        socket.resume();
    }

    public void close() {
        socket.close();
    }

    /** Whether this fake has answered a session.update with session.updated. */
    public boolean acknowledgedUpdate() {
        return acknowledged;
    }

    public boolean isClosed() {
        return closed;
    }
}
