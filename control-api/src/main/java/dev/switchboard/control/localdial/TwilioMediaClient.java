package dev.switchboard.control.localdial;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Plays Twilio's side of a bidirectional Media Stream, as Twilio does it: {@code connected} and {@code start}, then
 * one 160-byte μ-law {@code media} frame every 20 ms (queued speech, else silence) with string-typed counters,
 * {@code dtmf} on request and {@code stop} at the end. It "plays" the audio it receives in real time and echoes each
 * {@code mark} once the audio queued before it has played; a {@code clear} flushes the audio and echoes every pending
 * mark at once. The one implementation of the Twilio media client (local dialer, end-to-end test, benchmark).
 */
public final class TwilioMediaClient {

    public static final int FRAME_BYTES = 160;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final byte SILENCE = (byte) 0xFF;

    private final Vertx vertx;
    private final MediaStreamOptions options;
    private final MediaListener listener;
    private final LongFunction<byte[]> frames;
    private final String streamSid = Sids.next("MZ");
    private final ArrayDeque<byte[]> speech = new ArrayDeque<>();
    private final ArrayDeque<PendingMark> pendingMarks = new ArrayDeque<>();
    private final ArrayDeque<String> keys = new ArrayDeque<>();
    private boolean pressingKeys;
    private final Promise<Integer> closed = Promise.promise();
    private Context context;
    private WebSocket socket;
    private long timerId = -1;
    private long startNanos;
    private long sequence;
    private volatile long framesSent;
    private volatile long playedUntilNanos;
    private volatile long audioBytesReceived;
    private volatile int queuedFrames;
    private boolean stopped;

    private record PendingMark(String name, long dueNanos) { }

    /** A client whose frames are queued speech, else silence. */
    public TwilioMediaClient(Vertx vertx, MediaStreamOptions options, MediaListener listener) {
        this(vertx, options, listener, null);
    }

    /** A client whose n-th frame (from 1) is {@code frames.apply(n)}, e.g. a benchmark's numbered frames. */
    public TwilioMediaClient(Vertx vertx, MediaStreamOptions options, MediaListener listener,
                             LongFunction<byte[]> frames) {
        this.vertx = vertx;
        this.options = options;
        this.listener = listener;
        this.frames = frames;
    }

    public String streamSid() {
        return streamSid;
    }

    /** Opens the stream and sends {@code connected} and {@code start}; media then flows every 20 ms. */
    public Future<Void> connect() {
        URI url = options.url();
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setAbsoluteURI(url.toString())
                .setConnectTimeout(5_000);
        options.headers().forEach(connect::addHeader);
        WebSocketClient client = vertx.createWebSocketClient();
        closed.future().onComplete(ignored -> client.close());
        return client.connect(connect).onFailure(e -> client.close()).map(ws -> {
            context = vertx.getOrCreateContext();
            socket = ws;
            ws.textMessageHandler(this::onText);
            ws.closeHandler(ignored -> onClosed(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode(),
                    ws.closeReason()));
            ws.exceptionHandler(ignored -> { });
            ws.writeTextMessage(new JsonObject().put("event", "connected").put("protocol", "Call")
                    .put("version", "1.0.0").encode());
            ws.writeTextMessage(startMessage());
            startNanos = System.nanoTime();
            playedUntilNanos = startNanos;
            timerId = vertx.setPeriodic(20, id -> tick());
            return null;
        });
    }

    /** Queues caller speech (raw μ-law), sent in 20 ms frames after anything already queued. */
    public void play(byte[] ulaw) {
        onContext(() -> {
            for (int i = 0; i < ulaw.length; i += FRAME_BYTES) {
                byte[] frame = Arrays.copyOfRange(ulaw, i, i + FRAME_BYTES);
                if (i + FRAME_BYTES > ulaw.length) {
                    Arrays.fill(frame, ulaw.length - i, FRAME_BYTES, SILENCE);
                }
                speech.add(frame);
            }
            queuedFrames = speech.size();
        });
    }

    public void sendDtmf(String digit) {
        onContext(() -> write(new JsonObject().put("event", "dtmf").put("streamSid", streamSid)
                .put("sequenceNumber", Long.toString(++sequence))
                .put("dtmf", new JsonObject().put("track", "inbound_track").put("digit", digit)).encode()));
    }

    /**
     * Queues keys to send as {@code dtmf} events, {@code gapMs} apart, after any keys already queued; Twilio reports
     * each key pressed as its own event.
     */
    public void pressKeys(String digits, long gapMs) {
        onContext(() -> {
            digits.chars().forEach(key -> keys.add(Character.toString(key)));
            if (!pressingKeys) {
                nextKey(gapMs);
            }
        });
    }

    private void nextKey(long gapMs) {
        String key = keys.poll();
        pressingKeys = key != null && !stopped;
        if (pressingKeys) {
            sendDtmf(key);
            vertx.setTimer(Math.max(1, gapMs), id -> nextKey(gapMs));
        } else {
            keys.clear();
        }
    }

    /** Sends {@code stop} and closes the socket, as Twilio does when the caller hangs up. */
    public Future<Integer> stop() {
        onContext(() -> {
            if (!stopped && socket != null && !socket.isClosed()) {
                write(new JsonObject().put("event", "stop").put("sequenceNumber", Long.toString(++sequence))
                        .put("stop", new JsonObject().put("accountSid", options.accountSid())
                                .put("callSid", options.callSid()))
                        .put("streamSid", streamSid).encode());
                socket.close((short) 1000);
            }
            stopped = true;
        });
        return closed.future();
    }

    /** Completes with the close code when the stream has closed, whoever closed it. */
    public Future<Integer> closed() {
        return closed.future();
    }

    /** True while queued caller speech is still being sent. */
    public boolean speaking() {
        return queuedFrames > 0;
    }

    /** Milliseconds since the received audio finished playing; negative while some is still playing. */
    public long playbackIdleMs() {
        return (System.nanoTime() - playedUntilNanos) / 1_000_000;
    }

    public long framesSent() {
        return framesSent;
    }

    public long audioBytesReceived() {
        return audioBytesReceived;
    }

    private String startMessage() {
        JsonObject start = new JsonObject().put("accountSid", options.accountSid()).put("streamSid", streamSid)
                .put("callSid", options.callSid()).put("tracks", new JsonArray().add("inbound"))
                .put("mediaFormat", new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000)
                        .put("channels", 1))
                .put("customParameters", new JsonObject(Map.copyOf(options.customParameters())));
        return new JsonObject().put("event", "start").put("sequenceNumber", Long.toString(++sequence))
                .put("start", start).put("streamSid", streamSid).encode();
    }

    private void tick() {
        long now = System.nanoTime();
        long due = (now - startNanos) / FRAME_NANOS + 1;
        while (framesSent < due && !stopped) {
            sendFrame();
        }
        while (!pendingMarks.isEmpty() && pendingMarks.peek().dueNanos() <= now) {
            echo(pendingMarks.poll().name(), false);
        }
    }

    private void sendFrame() {
        long chunk = ++framesSent;
        byte[] frame = frames != null ? frames.apply(chunk) : speech.isEmpty() ? silence() : speech.poll();
        queuedFrames = speech.size();
        write("{\"event\":\"media\",\"sequenceNumber\":\"" + (++sequence) + "\",\"media\":{\"track\":\"inbound\","
                + "\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + (chunk - 1) * 20 + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(frame) + "\"},\"streamSid\":\"" + streamSid + "\"}");
        listener.sent(frame);
    }

    private static byte[] silence() {
        byte[] frame = new byte[FRAME_BYTES];
        Arrays.fill(frame, SILENCE);
        return frame;
    }

    private void onText(String text) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (RuntimeException e) {
            return;
        }
        switch (String.valueOf(message.getValue("event"))) {
            case "media" -> onMedia(message.getJsonObject("media", new JsonObject()).getString("payload", ""));
            case "mark" -> onMark(message.getJsonObject("mark", new JsonObject()).getString("name", ""));
            case "clear" -> onClear();
            default -> { }
        }
    }

    private void onMedia(String payload) {
        long bytes = base64Length(payload);
        audioBytesReceived += bytes;
        playedUntilNanos = Math.max(System.nanoTime(), playedUntilNanos) + bytes * 125_000L;
        listener.media(payload);
    }

    private void onMark(String name) {
        if (playedUntilNanos <= System.nanoTime() && pendingMarks.isEmpty()) {
            echo(name, false);
        } else {
            pendingMarks.add(new PendingMark(name, playedUntilNanos));
        }
    }

    private void onClear() {
        playedUntilNanos = System.nanoTime();
        listener.cleared();
        while (!pendingMarks.isEmpty()) {
            echo(pendingMarks.poll().name(), true);
        }
    }

    private void echo(String name, boolean flushed) {
        write(new JsonObject().put("event", "mark").put("sequenceNumber", Long.toString(++sequence))
                .put("streamSid", streamSid).put("mark", new JsonObject().put("name", name)).encode());
        listener.markEchoed(name, flushed);
    }

    private void onClosed(int code, String reason) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        listener.closed(code, reason);
        closed.tryComplete(code);
    }

    private void write(String text) {
        if (socket != null && !socket.isClosed()) {
            socket.writeTextMessage(text);
        }
    }

    private void onContext(Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private static long base64Length(String payload) {
        int padding = payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0;
        return payload.length() / 4L * 3 - padding;
    }
}
