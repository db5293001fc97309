package dev.switchboard.control.calls;

import dev.switchboard.control.support.LocalMode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@TestProfile(LocalMode.class)
class LocalModeTest {

    @Test
    void withoutTwilioPlacingACallUsesTheLocalDialer() {
        String sid = api().contentType(JSON).body("{\"to\": \"+14155550123\"}").post("/api/calls")
                .then().statusCode(201).body("status", is("queued"), "direction", is("outbound-api"), "mode", is("local"))
                .extract().path("sid");

        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("to", is("+14155550123"));
    }

    @Test
    void withoutAnAuthTokenStatusCallbacksAreNotSignatureChecked() {
        String sid = "CA" + java.util.UUID.randomUUID().toString().replace("-", "");

        given().formParams("CallSid", sid, "CallStatus", "ringing", "SequenceNumber", "1", "Direction", "inbound")
                .post("/twilio/status").then().statusCode(204);

        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("status", is("ringing"));
    }
}
