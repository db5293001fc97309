package dev.switchboard.control.localdial;

import com.twilio.security.RequestValidator;
import dev.switchboard.contract.twilio.TwilioSignature;
import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.DialRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalCallTest {

    private static final String TOKEN = "test-auth-token";
    private static final byte LOUD = 0x10;

    private Vertx vertx;
    private int port;
    private final List<Map<String, String>> statuses = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> streamEvents = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> twimlParams;
    private volatile JsonObject start;

    @BeforeEach
    void startFakeGateway() {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer()
                .requestHandler(this::webhook)
                .webSocketHandler(this::stream)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void playsTwiliosPartFromWebhookToCompletedCallback() {
        String callSid = Sids.next("CA");
        LocalCall call = new LocalCall(callSid, "AC" + "0".repeat(32), request(), settings(),
                new TwilioForms(Optional.of(new TwilioSignature(TOKEN))), vertx, List.of(line(300), line(200)));
        Thread.ofVirtual().start(call::run);

        await().atMost(15, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(problems).isEmpty();
        assertThat(statuses).extracting(s -> s.get("CallStatus"))
                .containsExactly("initiated", "ringing", "in-progress", "completed");
        assertThat(statuses).extracting(s -> s.get("SequenceNumber")).containsExactly("0", "1", "2", "3");
        assertThat(statuses.get(3)).containsKeys("CallDuration", "Duration", "Timestamp");
        assertThat(twimlParams).containsEntry("CallSid", callSid).containsEntry("Direction", "outbound-api")
                .containsEntry("To", "+15551230000").containsEntry("CallStatus", "in-progress");
        assertThat(start.getJsonObject("start").getString("callSid")).isEqualTo(callSid);
        assertThat(start.getJsonObject("start").getJsonObject("customParameters").getString("streamToken"))
                .isEqualTo("tok-1");
        assertThat(streamEvents).containsSubsequence("agent spoke", "mark greeting", "caller spoke 300 ms",
                "agent spoke", "caller spoke 200 ms", "closed by agent");
    }

    @Test
    void aTransferStopsTheStreamAndKeepsTheCallInProgressUntilTheBridgedLegEnds() {
        LocalCall call = new LocalCall(Sids.next("CA"), "AC" + "0".repeat(32), request(), settings(),
                new TwilioForms(Optional.of(new TwilioSignature(TOKEN))), vertx, List.of(line(300), line(200)));
        Thread.ofVirtual().start(call::run);
        await().atMost(15, TimeUnit.SECONDS).until(() -> streamEvents.contains("caller spoke 300 ms"));

        call.transfer("+15005550009");
        await().pollInterval(Duration.ofMillis(10)).atMost(5, TimeUnit.SECONDS)
                .until(() -> streamEvents.contains("closed by Twilio"));
        long closedAt = System.nanoTime();
        assertThat(streamEvents).containsSubsequence("stop", "closed by Twilio").doesNotContain("closed by agent");
        assertThat(statuses).extracting(s -> s.get("CallStatus")).containsExactly("initiated", "ringing", "in-progress");

        await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(statuses.get(3).get("CallStatus")).isEqualTo("completed");
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsAFailedCallWhenTheWebhookRefusesTheSignature() {
        LocalCall call = new LocalCall(Sids.next("CA"), "AC" + "0".repeat(32), request(), settings(),
                new TwilioForms(Optional.of(new TwilioSignature("wrong-token"))), vertx, List.of(line(100)));
        Thread.ofVirtual().start(call::run);
        await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(statuses.get(3).get("CallStatus")).isEqualTo("failed");
        assertThat(start).isNull();
    }

    private void webhook(HttpServerRequest request) {
        request.setExpectMultipart(true);
        request.end().onSuccess(ignored -> {
            Map<String, String> form = new HashMap<>();
            request.formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
            String url = "http://127.0.0.1:" + port + request.path();
            boolean valid = new RequestValidator(TOKEN).validate(url, form, request.getHeader("X-Twilio-Signature"));
            if (request.path().equals("/status")) {
                if (!valid) {
                    problems.add("unsigned status " + form.get("CallStatus"));
                }
                statuses.add(form);
                request.response().setStatusCode(204).end();
            } else if (!valid) {
                request.response().setStatusCode(403).end();
            } else {
                twimlParams = form;
                request.response().putHeader("Content-Type", "text/xml").end("""
                        <?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="ws://127.0.0.1:%d/call">\
                        <Parameter name="streamToken" value="tok-1"/></Stream></Connect></Response>""".formatted(port));
            }
        });
    }

    /** A tiny agent: speaks, waits for each caller utterance to end, speaks again, then hangs up. */
    private void stream(ServerWebSocket ws) {
        String url = "ws://127.0.0.1:" + port + "/call";
        if (!new RequestValidator(TOKEN).validate(url, Map.of(), ws.headers().get("X-Twilio-Signature"))) {
            problems.add("unsigned handshake");
        }
        int[] loudMs = {0};
        int[] utterances = {0};
        ws.closeHandler(ignored -> {
            if (!streamEvents.contains("closed by agent")) {
                streamEvents.add("closed by Twilio");
            }
        });
        ws.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            switch (message.getString("event")) {
                case "start" -> {
                    start = message;
                    speak(ws, message.getString("streamSid"));
                }
                case "mark" -> streamEvents.add("mark " + message.getJsonObject("mark").getString("name"));
                case "stop" -> streamEvents.add("stop");
                case "media" -> {
                    byte[] audio = Base64.getDecoder().decode(message.getJsonObject("media").getString("payload"));
                    if (audio[0] == LOUD) {
                        loudMs[0] += 20;
                    } else if (loudMs[0] > 0) {
                        streamEvents.add("caller spoke " + loudMs[0] + " ms");
                        loudMs[0] = 0;
                        if (++utterances[0] == 1) {
                            speak(ws, message.getString("streamSid"));
                        } else {
                            streamEvents.add("closed by agent");
                            ws.close((short) 1000);
                        }
                    }
                }
                default -> { }
            }
        });
    }

    private void speak(ServerWebSocket ws, String streamSid) {
        streamEvents.add("agent spoke");
        ws.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid).put("media",
                new JsonObject().put("payload", Base64.getEncoder().encodeToString(new byte[8 * 200]))).encode());
        ws.writeTextMessage(new JsonObject().put("event", "mark").put("streamSid", streamSid)
                .put("mark", new JsonObject().put("name", "greeting")).encode());
    }

    private DialRequest request() {
        return new DialRequest("+15551230000", "+15005550006", URI.create("http://127.0.0.1:" + port + "/twiml"),
                URI.create("http://127.0.0.1:" + port + "/status"), false, false,
                URI.create("http://127.0.0.1:" + port + "/recording"));
    }

    private static byte[] line(int ms) {
        byte[] audio = new byte[ms * 8];
        Arrays.fill(audio, LOUD);
        return audio;
    }

    private static ControlConfig.LocalDial settings() {
        return new ControlConfig.LocalDial() {
            @Override
            public Duration ringTime() {
                return Duration.ofMillis(10);
            }

            @Override
            public Duration turnGap() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration transferHold() {
                return Duration.ofMillis(300);
            }

            @Override
            public Duration maxCallLength() {
                return Duration.ofSeconds(20);
            }

            @Override
            public Duration dtmfGap() {
                return Duration.ofMillis(100);
            }

            @Override
            public String recordingsDir() {
                return "target/test-recordings";
            }
        };
    }
}
