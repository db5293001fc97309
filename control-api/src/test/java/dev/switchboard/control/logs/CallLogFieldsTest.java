package dev.switchboard.control.logs;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.TwilioCallbacks.callback;
import static dev.switchboard.control.support.TwilioCallbacks.postSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(CallLogFieldsTest.DebugLogs.class)
class CallLogFieldsTest extends SocketTest {

    private static final int ROUNDS = 10;
    private static final String IGNORED = "ignored link frame of type config.updated";

    /** The per-callback and per-frame lines are DEBUG. */
    public static class DebugLogs implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"dev.switchboard\".level", "DEBUG");
        }
    }

    @Test
    void linkFramesOfTwoCallsOnTwoLinksEachCarryTheirOwnCallSid() throws Exception {
        String callA = Calls.sid();
        String callB = Calls.sid();
        try (CapturedLogs logs = new CapturedLogs(); TestSocket a = gateway(); TestSocket b = gateway()) {
            a.next();
            b.next();
            for (int round = 0; round < ROUNDS; round++) {
                a.send(TestSocket.event("config.updated", callA, new JsonObject()));
                b.send(TestSocket.event("config.updated", callB, new JsonObject()));
                a.send(TestSocket.event("config.updated", null, new JsonObject()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.matching(IGNORED::equals).size() == 3 * ROUNDS);

            List<CapturedLogs.Line> lines = logs.matching(IGNORED::equals);
            assertThat(lines).filteredOn(line -> callA.equals(line.field("callSid"))).hasSize(ROUNDS);
            assertThat(lines).filteredOn(line -> callB.equals(line.field("callSid"))).hasSize(ROUNDS);
            assertThat(lines).filteredOn(line -> line.field("callSid") == null).hasSize(ROUNDS);
        }
    }

    @Test
    void statusCallbacksAndCallCommandsCarryTheCallSid() {
        String first = Calls.place(Calls.uniqueNumber());
        String second = Calls.place(Calls.uniqueNumber());
        try (CapturedLogs logs = new CapturedLogs()) {
            for (int seq = 0; seq < 3; seq++) {
                postSigned(callback(first, "ringing", seq)).then().statusCode(204);
                postSigned(callback(second, "ringing", seq)).then().statusCode(204);
            }
            api().delete("/api/calls/{sid}", second).then().statusCode(202);

            assertThat(logs.matching(message -> message.startsWith("status ringing seq ")))
                    .hasSize(6).allSatisfy(line -> assertThat(line.field("callSid")).isIn(first, second))
                    .filteredOn(line -> first.equals(line.field("callSid"))).hasSize(3);
            assertThat(logs.matching("hang-up requested"::equals))
                    .singleElement().satisfies(line -> assertThat(line.field("callSid")).isEqualTo(second));
        }
    }
}
