package dev.switchboard.gateway.support;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.fail;

/** Plays Twilio's part of a call: fetches /twiml, opens the media stream and speaks Media Streams JSON. */
public class FakeTwilioCall implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
            .setMaxFrameSize(4 << 20).setMaxMessageSize(4 << 20).setMaxConnections(1000));
    private static final Pattern TOKEN = Pattern.compile("name=\"streamToken\" value=\"([^\"]+)\"");

    private static final String DEFAULT_TO = "+15005550001";

    public final String callSid;
    private volatile String to = DEFAULT_TO;
    public final String streamSid;
    private final WebSocket socket;
    private final LinkedBlockingDeque<JsonObject> inbox = new LinkedBlockingDeque<>();
    private final List<JsonObject> all = new CopyOnWriteArrayList<>();
    private final List<String> pendingMarks = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Echo every mark at once, as if the audio played instantly. */
    public volatile boolean autoAckMarks = true;
    /** Echo every pending mark when the gateway sends clear, as Twilio does. */
    public volatile boolean echoMarksOnClear = true;
    private volatile Integer closeCode;

    private FakeTwilioCall(String callSid, WebSocket socket) {
        this.callSid = callSid;
        this.streamSid = "MZ" + callSid.substring(2);
        this.socket = socket;
        socket.textMessageHandler(this::onText);
        socket.closeHandler(ignored -> closeCode = socket.closeStatusCode() == null ? 1006 : (int) socket.closeStatusCode());
    }

    /** A whole call start: /twiml, signed handshake, connected, start with the issued stream token. */
    public static FakeTwilioCall dial(String callSid) {
        return dial(callSid, DEFAULT_TO);
    }

    /** A whole call start for a call to {@code to} (the called number). */
    public static FakeTwilioCall dial(String callSid, String to) {
        String token = streamToken(callSid, to);
        FakeTwilioCall call = open(callSid, TwilioSigner.sign(TwilioSigner.STREAM_URL, Map.of()));
        call.to = to;
        call.start(token);
        return call;
    }

    public static String streamToken(String callSid) {
        return streamToken(callSid, DEFAULT_TO);
    }

    private static String streamToken(String callSid, String to) {
        Map<String, String> form = Map.of("CallSid", callSid, "From", "+15005550006", "To", to,
                "Direction", "inbound", "AccountSid", "AC00000000000000000000000000000000");
        String xml = given().formParams(form)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", form))
                .post("/twiml").then().statusCode(200).extract().asString();
        Matcher matcher = TOKEN.matcher(xml);
        if (!matcher.find()) {
            fail("no stream token in " + xml);
        }
        return matcher.group(1);
    }

    /** Opens the media socket with the given signature (null: none); fails with the HTTP status if refused. */
    public static FakeTwilioCall open(String callSid, String signature) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(RestAssured.port).setURI("/call");
        if (signature != null) {
            options.putHeader("X-Twilio-Signature", signature);
        }
        try {
            WebSocket socket = CLIENT.connect(options).toCompletionStage().toCompletableFuture().join();
            return new FakeTwilioCall(callSid, socket);
        } catch (CompletionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                throw new Refused(rejected.getStatus());
            }
            throw e;
        }
    }

    /** Opens a signed media stream and starts it with the {@code <Parameter>}s of the TwiML that named it. */
    public static FakeTwilioCall connect(String callSid, Map<String, String> parameters) {
        FakeTwilioCall call = open(callSid, TwilioSigner.sign(TwilioSigner.STREAM_URL, Map.of()));
        call.start(parameters);
        return call;
    }

    public void start(String token) {
        start(token == null ? Map.of() : Map.of("streamToken", token));
    }

    private void start(Map<String, String> parameters) {
        send(new JsonObject().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"));
        JsonObject custom = new JsonObject().put("from", "+15005550006").put("to", to)
                .put("direction", "inbound");
        parameters.forEach(custom::put);
        send(new JsonObject().put("event", "start").put("sequenceNumber", seq()).put("streamSid", streamSid)
                .put("start", new JsonObject().put("accountSid", "AC00000000000000000000000000000000")
                        .put("streamSid", streamSid).put("callSid", callSid)
                        .put("tracks", List.of("inbound")).put("customParameters", custom)
                        .put("mediaFormat", new JsonObject().put("encoding", "audio/x-mulaw")
                                .put("sampleRate", 8000).put("channels", 1))));
    }

    public void media(String payload) {
        int n = sequence.get();
        send(new JsonObject().put("event", "media").put("sequenceNumber", seq()).put("streamSid", streamSid)
                .put("media", new JsonObject().put("track", "inbound").put("chunk", String.valueOf(n))
                        .put("timestamp", String.valueOf(n * 20)).put("payload", payload)));
    }

    public void dtmf(String digit) {
        send(new JsonObject().put("event", "dtmf").put("streamSid", streamSid).put("sequenceNumber", seq())
                .put("dtmf", new JsonObject().put("track", "inbound_track").put("digit", digit)));
    }

    public void stop() {
        send(new JsonObject().put("event", "stop").put("sequenceNumber", seq()).put("streamSid", streamSid)
                .put("stop", new JsonObject().put("accountSid", "AC00000000000000000000000000000000")
                        .put("callSid", callSid)));
    }

    public void ackMark(String name) {
        pendingMarks.remove(name);
        send(new JsonObject().put("event", "mark").put("sequenceNumber", seq()).put("streamSid", streamSid)
                .put("mark", new JsonObject().put("name", name)));
    }

    /** Stops reading from the socket, like a Twilio edge that has fallen behind (TCP backpressure builds up). */
    public void pauseReading() {
        socket.pause();
    }

    public void resumeReading() {
        socket.resume();
    }

    public List<String> pendingMarks() {
        return List.copyOf(pendingMarks);
    }

    public void send(JsonObject frame) {
        sendText(frame.encode());
    }

    public void sendText(String text) {
        socket.writeTextMessage(text);
    }

    public void sendBinary(byte[] data) {
        socket.writeBinaryMessage(Buffer.buffer(data));
    }

    private void onText(String text) {
        JsonObject frame = new JsonObject(text);
        all.add(frame);
        inbox.add(frame);
        switch (frame.getString("event", "")) {
            case "mark" -> {
                String name = frame.getJsonObject("mark").getString("name");
                pendingMarks.add(name);
                if (autoAckMarks) {
                    ackMark(name);
                }
            }
            // Twilio answers a clear by echoing every mark still pending.
            case "clear" -> {
                if (echoMarksOnClear) {
                    List.copyOf(pendingMarks).forEach(this::ackMark);
                }
            }
            default -> { }
        }
    }

    /** Waits for the next frame of this type, skipping others. */
    public JsonObject await(String event) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                JsonObject frame = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null && event.equals(frame.getString("event"))) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return fail("the gateway sent no " + event + " to Twilio; got " + all);
    }

    /** Waits for the next frame of any of these types, skipping others. */
    public JsonObject awaitAny(String... events) {
        List<String> wanted = List.of(events);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                JsonObject frame = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null && wanted.contains(frame.getString("event"))) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return fail("the gateway sent none of " + wanted + " to Twilio; got " + all);
    }

    public List<JsonObject> received(String event) {
        return all.stream().filter(f -> event.equals(f.getString("event"))).toList();
    }

    /** The close code once the gateway closed the stream, else null. */
    public Integer closeCode() {
        return closeCode;
    }

    public boolean isClosed() {
        return closeCode != null;
    }

    private String seq() {
        return String.valueOf(sequence.incrementAndGet());
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }

    /** The gateway refused the WebSocket upgrade with this HTTP status. */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status) {
            super("upgrade refused with HTTP " + status);
            this.status = status;
        }
    }
}
