package dev.switchboard.control.calls;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** DTMF with a Twilio account: Media Streams cannot carry keys to the callee, so the API says so. */
@QuarkusTest
class DtmfTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Test
    void aTwilioCallCannotBeSentKeys() {
        String sid = Calls.place(Calls.uniqueNumber());
        int before = twilio.received().size();

        api().contentType(JSON).body("{\"digits\": \"12#\"}").post("/api/calls/{sid}/dtmf", sid)
                .then().statusCode(409).body("code", is("dtmf.unsupported"), "message", containsString("Media Streams"));

        assertThat(twilio.received()).hasSize(before);
    }

    @Test
    void refusesAnythingButOneTo32KeypadKeys() {
        String sid = Calls.place(Calls.uniqueNumber());
        for (String body : new String[] {"{\"digits\": \"12a\"}", "{\"digits\": \"\"}", "{}",
                "{\"digits\": \"%s\"}".formatted("1".repeat(33)), "{\"digits\": \"1 2\"}"}) {
            api().contentType(JSON).body(body).post("/api/calls/{sid}/dtmf", sid)
                    .then().statusCode(400).body("code", is("request.invalid"), "field", is("digits"));
        }
        api().contentType(JSON).post("/api/calls/{sid}/dtmf", sid).then().statusCode(400);
    }

    @Test
    void unknownCallIs404AndEndedCallIs409() {
        api().contentType(JSON).body("{\"digits\": \"1\"}").post("/api/calls/{sid}/dtmf", "CA0000unknown")
                .then().statusCode(404).body("code", is("call.unknown"));

        String sid = Calls.place(Calls.uniqueNumber());
        TwilioCallbacks.postSigned(TwilioCallbacks.callback(sid, "completed", 3)).then().statusCode(204);
        api().contentType(JSON).body("{\"digits\": \"1\"}").post("/api/calls/{sid}/dtmf", sid)
                .then().statusCode(409).body("code", is("call.ended"));
    }

    @Test
    void needsTheApiKey() {
        given().contentType(JSON).body("{\"digits\": \"1\"}").post("/api/calls/{sid}/dtmf", "CA0000unknown")
                .then().statusCode(401);
    }
}
