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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local dialer does what Twilio does when a gateway closes the stream mid-call: it requests the action URL. */
class LocalCallResumeTest {

    private static final String TOKEN = "test-auth-token";
    private static final byte LOUD = 0x10;

    private Vertx vertx;
    private int port;
    private final List<Map<String, String>> statuses = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> resumes = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger streams = new AtomicInteger();
    /** Whether the second stream's agent answers the caller's first line at once (it heard it before the loss). */
    private volatile boolean heardBeforeLoss;
    private volatile String resumeAnswer;
    /** The answer to the n-th resume request (from 1), when set; {@code resumeAnswer} otherwise. */
    private volatile IntFunction<String> resumeAnswers;
    private final List<String> resumeUris = new CopyOnWriteArrayList<>();
    private final List<Long> resumeTimes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeGateway() {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer().requestHandler(this::webhook).webSocketHandler(this::stream)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aStreamLostMidCallGoesOnOnTheStreamTheActionUrlAnswersAndEndsOnItsHangup() {
        heardBeforeLoss = true;
        run();

        assertThat(resumes).hasSize(2);
        assertThat(resumes.getFirst()).containsEntry("CallStatus", "in-progress").containsKey("CallSid");
        assertThat(events).containsSubsequence("stream 1 start", "caller spoke 300 ms", "stream 1 lost",
                "stream 2 start tok-2", "agent spoke", "caller spoke 200 ms", "closed by agent");
        assertThat(events.stream().filter("caller spoke 300 ms"::equals)).hasSize(1);
    }

    @Test
    void aLineTheLostStreamNeverAnsweredIsSaidAgain() {
        heardBeforeLoss = false;
        run();

        assertThat(events).containsSubsequence("caller spoke 300 ms", "stream 1 lost", "stream 2 start tok-2",
                "caller spoke 300 ms", "agent spoke", "caller spoke 200 ms", "closed by agent");
    }

    @Test
    void aResumeAnsweredWithADialIsATransfer() {
        resumeAnswer = "<Response><Dial><Number>+15005550009</Number></Dial></Response>";
        run();

        assertThat(resumes).hasSize(1);
        assertThat(events).doesNotContain("stream 2 start tok-2");
    }

    @Test
    void aResumeThatCannotBePlacedPausesFollowsTheNewActionWithItsQueryThenSaysTheEndLineAndHangsUp() {
        String endLine = "<Response><Say>Sorry, we lost the connection. Please call us back.</Say>"
                + "<Hangup/></Response>";
        resumeAnswers = n -> n > 1 ? endLine : """
                <Response><Pause length="1"/><Connect action="http://127.0.0.1:%d/resume?attempt=2&amp;at=7">\
                <Stream url="ws://127.0.0.1:%d/refused"/></Connect></Response>""".formatted(port, port);
        run();

        assertThat(resumeUris).containsExactly("/resume", "/resume?attempt=2&at=7");
        assertThat(events).containsSubsequence("stream 1 lost", "stream refused").doesNotContain("closed by agent");
        assertThat(resumeTimes.get(1) - resumeTimes.get(0)).as("the pause before the refused stream")
                .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    private void run() {
        LocalCall call = new LocalCall(Sids.next("CA"), "AC" + "0".repeat(32), request(), settings(),
                new TwilioForms(Optional.of(new TwilioSignature(TOKEN))), vertx, List.of(line(300), line(200)));
        Thread.ofVirtual().start(call::run);
        await().atMost(20, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(statuses.get(3).get("CallStatus")).isEqualTo("completed");
        assertThat(problems).isEmpty();
    }

    private void webhook(HttpServerRequest request) {
        request.setExpectMultipart(true);
        request.end().onSuccess(ignored -> {
            Map<String, String> form = new HashMap<>();
            request.formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
            String url = "http://127.0.0.1:" + port + request.uri();
            if (!new RequestValidator(TOKEN).validate(url, form, request.getHeader("X-Twilio-Signature"))) {
                problems.add("unsigned " + request.path());
            }
            switch (request.path()) {
                case "/status" -> {
                    statuses.add(form);
                    request.response().setStatusCode(204).end();
                }
                case "/resume" -> {
                    resumes.add(form);
                    resumeUris.add(request.uri());
                    resumeTimes.add(System.nanoTime());
                    xml(request, resumeAnswers != null ? resumeAnswers.apply(resumes.size())
                            : resumeAnswer != null ? resumeAnswer
                            : resumes.size() == 1 ? connect("tok-2") : "<Response><Hangup/></Response>");
                }
                default -> xml(request, connect("tok-1"));
            }
        });
    }

    private String connect(String token) {
        return """
                <Response><Connect action="http://127.0.0.1:%d/resume"><Stream url="ws://127.0.0.1:%d/call">\
                <Parameter name="streamToken" value="%s"/></Stream></Connect></Response>""".formatted(port, port, token);
    }

    private static void xml(HttpServerRequest request, String twiml) {
        request.response().putHeader("Content-Type", "text/xml").end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + twiml);
    }

    /** Stream 1 greets, hears the first line and is lost; stream 2 answers (or waits to hear it), then hangs up. */
    private void stream(ServerWebSocket ws) {
        if ("/refused".equals(ws.path())) {
            events.add("stream refused");
            ws.reject(503);
            return;
        }
        int number = streams.incrementAndGet();
        int[] loudMs = {0};
        boolean[] answered = {false};
        ws.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            String streamSid = message.getString("streamSid");
            switch (message.getString("event")) {
                case "start" -> {
                    String token = message.getJsonObject("start").getJsonObject("customParameters")
                            .getString("streamToken");
                    events.add("stream " + number + " start" + (number == 1 ? "" : " " + token));
                    if (number == 1 || heardBeforeLoss) {
                        speak(ws, streamSid);
                        answered[0] = number > 1;
                    }
                }
                case "media" -> {
                    byte[] audio = Base64.getDecoder().decode(message.getJsonObject("media").getString("payload"));
                    if (audio[0] == LOUD) {
                        loudMs[0] += 20;
                    } else if (loudMs[0] > 0) {
                        events.add("caller spoke " + loudMs[0] + " ms");
                        int spoke = loudMs[0];
                        loudMs[0] = 0;
                        if (number == 1) {
                            events.add("stream 1 lost");
                            ws.close((short) 1001);
                        } else if (spoke == 300 && !answered[0]) {
                            answered[0] = true;
                            speak(ws, streamSid);
                        } else if (spoke == 200) {
                            events.add("closed by agent");
                            ws.close((short) 1000);
                        }
                    }
                }
                default -> { }
            }
        });
    }

    private void speak(ServerWebSocket ws, String streamSid) {
        events.add("agent spoke");
        ws.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid).put("media",
                new JsonObject().put("payload", Base64.getEncoder().encodeToString(new byte[8 * 200]))).encode());
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
