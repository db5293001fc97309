package dev.switchboard.control.localdial;

import dev.switchboard.control.support.FakeGatewayServer.Received;
import dev.switchboard.control.support.LocalGatewayMode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.switchboard.control.support.FakeGatewayServer.next;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** Local mode: the local dialer presses the keys on the live Media Stream, as Twilio reports a caller's keys. */
@QuarkusTest
@TestProfile(LocalGatewayMode.class)
class LocalDtmfTest {

    @Test
    void sendsOneDtmfEventPerKeyOnTheLiveStreamPaced() throws Exception {
        String sid = place();
        String stream = streamOf(sid);

        given().contentType(JSON).body("{\"digits\": \"12#\"}").post("/api/calls/{sid}/dtmf", sid)
                .then().statusCode(202).body("sid", is(sid), "digits", is("12#"));
        given().contentType(JSON).body("{\"digits\": \"*0\"}").post("/api/calls/{sid}/dtmf", sid)
                .then().statusCode(202);

        Received first = next("dtmf", stream);
        StringBuilder keys = new StringBuilder(digit(first.frame()));
        Received last = first;
        for (int i = 0; i < 4; i++) {
            last = next("dtmf", stream);
            keys.append(digit(last.frame()));
        }
        assertThat(keys).hasToString("12#*0");
        assertThat(first.frame().getJsonObject("dtmf").getString("track")).isEqualTo("inbound_track");
        assertThat(Duration.ofNanos(last.atNanos() - first.atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        hangUp(sid);
    }

    @Test
    void aCallWhoseStreamHasEndedIs409() throws Exception {
        String sid = place();
        String stream = streamOf(sid);
        hangUp(sid);
        next("stop", stream);

        given().contentType(JSON).body("{\"digits\": \"1\"}").post("/api/calls/{sid}/dtmf", sid)
                .then().statusCode(409).body("code", is("call.not-live"));
    }

    private static String place() {
        return given().contentType(JSON).body("{\"to\": \"+14155550123\"}").post("/api/calls")
                .then().statusCode(201).body("mode", is("local")).extract().path("sid");
    }

    private static String streamOf(String callSid) throws InterruptedException {
        while (true) {
            JsonObject start = next("start", null).frame();
            if (callSid.equals(start.getJsonObject("start").getString("callSid"))) {
                return start.getString("streamSid");
            }
        }
    }

    private static void hangUp(String sid) {
        given().delete("/api/calls/{sid}", sid).then().statusCode(202);
    }

    private static String digit(JsonObject frame) {
        return frame.getJsonObject("dtmf").getString("digit");
    }
}
