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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local dialer's answering machine and its AMD callbacks, against a fake gateway that holds its agent. */
class LocalAnsweringMachineTest {

    private static final String TOKEN = "test-auth-token";
    private static final byte SILENCE = (byte) 0xFF;

    private Vertx vertx;
    private int port;
    private final List<Map<String, String>> statuses = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> amdReports = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong answeredAt = new AtomicLong();
    private final AtomicLong reportedAt = new AtomicLong();
    /** Caller audio (not silence) the fake gateway heard before the AMD report, in ms. */
    private final AtomicLong heardBeforeReportMs = new AtomicLong();
    private volatile ServerWebSocket socket;
    private volatile String streamSid;

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
    void theMachinePlaysItsGreetingAndBeepIsDetectedAtTheBeepAndRecordsTheMessage() {
        String callSid = Sids.next("CA");
        LocalCall call = call(callSid, AnsweringMachine.NUMBER);
        Thread.ofVirtual().start(call::run);

        await().atMost(20, TimeUnit.SECONDS).until(() -> amdReports.size() == 1);
        Map<String, String> report = amdReports.get(0);
        assertThat(report).containsEntry("AnsweredBy", "machine_end_beep").containsEntry("CallSid", callSid)
                .containsKeys("AccountSid", "MachineDetectionDuration");
        // The greeting (5.3 s, some of it pauses) and the beep (0.5 s) played before detection answered.
        assertThat(heardBeforeReportMs.get()).isGreaterThan(4_500);
        assertThat(Long.parseLong(report.get("MachineDetectionDuration"))).isGreaterThan(5_700);

        byte[] message = new byte[8 * 1_200];
        Arrays.fill(message, (byte) 0x10);
        socket.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid)
                .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(message))).encode());
        vertx.setTimer(300, id -> socket.close((short) 1000));

        await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(statuses.get(3).get("CallStatus")).isEqualTo("completed");
        assertThat(call.machine().messageMs()).isEqualTo(1_200);
        assertThat(amdReports).hasSize(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aPersonIsReportedAsHumanAboutASecondAfterAnswering() {
        LocalCall call = call(Sids.next("CA"), "+15551230000");
        Thread.ofVirtual().start(call::run);

        await().atMost(10, TimeUnit.SECONDS).until(() -> amdReports.size() == 1);
        assertThat(amdReports.get(0)).containsEntry("AnsweredBy", "human");
        long afterMs = Duration.ofNanos(reportedAt.get() - answeredAt.get()).toMillis();
        assertThat(afterMs).isBetween(900L, 3_000L);
        assertThat(call.machine()).isNull();
        socket.close((short) 1000);
        await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(problems).isEmpty();
    }

    @Test
    void aCallWithoutAmdGetsNoReportEvenFromTheMachine() throws InterruptedException {
        LocalCall call = new LocalCall(Sids.next("CA"), "AC" + "0".repeat(32), request(AnsweringMachine.NUMBER,
                false), settings(), new TwilioForms(Optional.of(new TwilioSignature(TOKEN))), vertx, List.of());
        Thread.ofVirtual().start(call::run);

        await().atMost(20, TimeUnit.SECONDS).until(() -> heardBeforeReportMs.get() > 4_500);
        Thread.sleep(1_500);
        socket.close((short) 1000);
        await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.size() == 4);
        assertThat(amdReports).isEmpty();
    }

    private LocalCall call(String callSid, String to) {
        return new LocalCall(callSid, "AC" + "0".repeat(32), request(to, true), settings(),
                new TwilioForms(Optional.of(new TwilioSignature(TOKEN))), vertx, List.of(new byte[8 * 300]));
    }

    private void webhook(HttpServerRequest request) {
        request.setExpectMultipart(true);
        request.end().onSuccess(ignored -> {
            Map<String, String> form = new HashMap<>();
            request.formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
            String url = "http://127.0.0.1:" + port + request.path();
            boolean valid = new RequestValidator(TOKEN).validate(url, form, request.getHeader("X-Twilio-Signature"));
            if (!valid) {
                problems.add("unsigned " + request.path());
            }
            switch (request.path()) {
                case "/status" -> {
                    if ("in-progress".equals(form.get("CallStatus"))) {
                        answeredAt.set(System.nanoTime());
                    }
                    statuses.add(form);
                    request.response().setStatusCode(204).end();
                }
                case "/amd" -> {
                    reportedAt.set(System.nanoTime());
                    amdReports.add(form);
                    request.response().setStatusCode(204).end();
                }
                default -> request.response().putHeader("Content-Type", "text/xml").end("""
                        <?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="ws://127.0.0.1:%d/call">\
                        </Stream></Connect></Response>""".formatted(port));
            }
        });
    }

    /** A gateway holding its agent until the AMD result: silent, it only listens. */
    private void stream(ServerWebSocket ws) {
        socket = ws;
        ws.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            switch (message.getString("event")) {
                case "start" -> streamSid = message.getString("streamSid");
                case "media" -> {
                    byte[] audio = Base64.getDecoder().decode(message.getJsonObject("media").getString("payload"));
                    boolean silent = true;
                    for (byte b : audio) {
                        silent &= b == SILENCE;
                    }
                    if (!silent && amdReports.isEmpty()) {
                        heardBeforeReportMs.addAndGet(audio.length / 8);
                    }
                }
                default -> { }
            }
        });
    }

    private DialRequest request(String to, boolean amd) {
        String base = "http://127.0.0.1:" + port;
        return new DialRequest(to, "+15005550006", URI.create(base + "/twiml"), URI.create(base + "/status"), false,
                false, URI.create(base + "/recording"), amd ? URI.create(base + "/amd") : null);
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
                return Duration.ofSeconds(30);
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
