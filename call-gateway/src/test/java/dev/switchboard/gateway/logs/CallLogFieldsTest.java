package dev.switchboard.gateway.logs;

import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(CallLogFieldsTest.OneEventLoop.class)
@WithTestResource(FakeRealtimeServer.class)
class CallLogFieldsTest {

    private static final int ROUNDS = 20;
    private static final String PRESSED = "caller pressed a key";
    private static final String BAD_MEDIA = "dropped a media frame with a missing, oversized or non-base64 payload";

    /** Every socket of every call on one event loop: the calls take turns on one thread. */
    public static class OneEventLoop implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.event-loops-pool-size", "1");
        }
    }

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    Vertx vertx;

    @Test
    void twoCallsOnOneEventLoopEachLogOnlyTheirOwnFields() {
        openai.reset();
        try (CapturedLogs logs = new CapturedLogs();
             FakeTwilioCall a = FakeTwilioCall.dial("CA_logs_a");
             FakeTwilioCall b = FakeTwilioCall.dial("CA_logs_b")) {
            FakeRealtimeSession openaiA = openai.nextSession();
            FakeRealtimeSession openaiB = openai.nextSession();
            try (FakeTwilioCall unstarted = FakeTwilioCall.open("CA_logs_none",
                    TwilioSigner.sign(TwilioSigner.STREAM_URL, Map.of()))) {
                for (int round = 0; round < ROUNDS; round++) {
                    a.dtmf("1");
                    b.media("not base64!");
                    unstarted.send(new JsonObject().put("event", "mark").put("mark", new JsonObject().put("name", "m")));
                    openaiA.send(realtimeError("code_a"));
                    openaiB.send(realtimeError("code_b"));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> logs.matching(PRESSED::equals).size() == ROUNDS
                        && logs.matching(BAD_MEDIA::equals).size() == ROUNDS
                        && logs.matching(m -> m.startsWith("dropped a mark frame before start")).size() == ROUNDS
                        && logs.matching(m -> m.startsWith("Realtime error code_a")).size() == ROUNDS
                        && logs.matching(m -> m.startsWith("Realtime error code_b")).size() == ROUNDS);
            }

            assertOnlyCall(logs.matching(PRESSED::equals), a);
            assertOnlyCall(logs.matching(m -> m.startsWith("Realtime error code_a")), a);
            assertOnlyCall(logs.matching(BAD_MEDIA::equals), b);
            assertOnlyCall(logs.matching(m -> m.startsWith("Realtime error code_b")), b);
            assertThat(logs.matching(m -> m.startsWith("dropped a mark frame before start")))
                    .allSatisfy(line -> assertThat(line.mdc()).doesNotContainKeys("callSid", "streamSid", "profile"));
            assertThat(logs.matching(m -> m.startsWith("media stream MZ_logs_a started")))
                    .singleElement().satisfies(line -> assertThat(line.field("callSid")).isEqualTo(a.callSid));
            Set<String> threads = logs.matching(m -> m.equals(PRESSED) || m.equals(BAD_MEDIA)).stream()
                    .map(CapturedLogs.Line::thread).collect(Collectors.toSet());
            assertThat(threads).as("both calls' handlers ran on one shared thread").hasSize(1);
            assertThat(mdcOutsideAnyCall()).as("the event loop's own MDC after both calls' events").isEmpty();
            for (FakeTwilioCall call : List.of(a, b)) {
                assertThat(logs.all()).filteredOn(line -> call.callSid.equals(line.field("callSid")))
                        .allSatisfy(line -> assertThat(line.field("streamSid")).isIn(null, call.streamSid));
            }
        }
    }

    @Test
    void twimlLinesCarryTheCallSid() {
        try (CapturedLogs logs = new CapturedLogs()) {
            FakeTwilioCall.streamToken("CA_logs_twiml");
            assertThat(logs.matching("answering /twiml with a media stream"::equals))
                    .singleElement().satisfies(line -> assertThat(line.field("callSid")).isEqualTo("CA_logs_twiml"));
        }
    }

    /** What a task on the (only) event loop sees, outside any call's context: the thread's own MDC. */
    private Map<String, Object> mdcOutsideAnyCall() {
        CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();
        vertx.runOnContext(ignored -> seen.complete(MDC.getMap()));
        return seen.orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void aCallSidThatIsNoSidIsLoggedAsInvalid() {
        try (CapturedLogs logs = new CapturedLogs()) {
            given().formParams(Map.of("CallSid", "CA1\n2026-01-01 INFO forged line")).post("/twiml")
                    .then().statusCode(403);
            assertThat(logs.matching("/twiml refused: missing or invalid Twilio signature"::equals))
                    .singleElement().satisfies(line -> assertThat(line.field("callSid")).isEqualTo("invalid"));
        }
    }

    private static void assertOnlyCall(List<CapturedLogs.Line> lines, FakeTwilioCall call) {
        assertThat(lines).hasSize(ROUNDS).allSatisfy(line -> {
            assertThat(line.field("callSid")).isEqualTo(call.callSid);
            assertThat(line.field("streamSid")).isEqualTo(call.streamSid);
            assertThat(line.field("profile")).isEqualTo("default");
        });
    }

    private static JsonObject realtimeError(String code) {
        return new JsonObject().put("type", "error")
                .put("error", new JsonObject().put("type", "invalid_request_error").put("code", code)
                        .put("message", "test error " + code));
    }
}
