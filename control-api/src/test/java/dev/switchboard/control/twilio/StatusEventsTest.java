package dev.switchboard.control.twilio;

import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.switchboard.control.support.Api.KEY;
import static dev.switchboard.control.support.TwilioCallbacks.callback;
import static dev.switchboard.control.support.TwilioCallbacks.postSigned;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class StatusEventsTest extends SocketTest {

    @Test
    void eachAcceptedStatusChangeReachesLogClientsOnce() throws Exception {
        String sid = sid();
        try (TestSocket logs = TestSocket.open(VERTX, base, "/logs", KEY)) {
            postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
            postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);

            JsonObject ringing = logs.nextFor(sid);
            assertThat(ringing.getString("type")).isEqualTo("call.status");
            assertThat(ringing.getString("at")).isEqualTo("2026-11-21T10:00:01Z");
            assertThat(ringing.getJsonObject("data").getMap()).containsEntry("status", "ringing")
                    .containsEntry("sequenceNumber", 1).containsEntry("source", "twilio");
            assertThat(logs.nextFor(sid).getJsonObject("data").getString("status")).isEqualTo("in-progress");
        }
    }

    @Test
    void duplicateAndOutOfOrderCallbacksEmitNothing() throws Exception {
        String sid = sid();
        String marker = sid();
        try (TestSocket logs = TestSocket.open(VERTX, base, "/logs", KEY)) {
            postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);
            postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);
            postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
            postSigned(callback(sid, "completed", 3)).then().statusCode(204);
            postSigned(callback(sid, "completed", 3)).then().statusCode(204);
            postSigned(callback(sid, "initiated", 0)).then().statusCode(204);
            postSigned(callback(marker, "ringing", 1)).then().statusCode(204);

            assertThat(statusOf(logs.nextFor(sid, marker))).isEqualTo(sid + " in-progress");
            assertThat(statusOf(logs.nextFor(sid, marker))).isEqualTo(sid + " completed");
            assertThat(statusOf(logs.nextFor(sid, marker))).isEqualTo(marker + " ringing");
        }
    }

    private static String statusOf(JsonObject event) {
        assertThat(event.getString("type")).isEqualTo("call.status");
        return event.getString("callSid") + " " + event.getJsonObject("data").getString("status");
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
