package dev.switchboard.control.twilio;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.TwilioCallbacks.URL;
import static dev.switchboard.control.support.TwilioCallbacks.callback;
import static dev.switchboard.control.support.TwilioCallbacks.postSigned;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class StatusCallbackTest {

    @Test
    void signedCallbacksMoveTheCallThroughItsStates() {
        String sid = Calls.place(Calls.uniqueNumber());

        postSigned(callback(sid, "initiated", 0)).then().statusCode(204);
        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
        postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);
        api().get("/api/calls/{sid}", sid).then().body("status", is("in-progress"));
        postSigned(callback(sid, "completed", 3)).then().statusCode(204);

        api().get("/api/calls/{sid}", sid).then().statusCode(200)
                .body("status", is("completed"), "durationMs", is(42000),
                        "timeline.status", contains("initiated", "ringing", "in-progress", "completed", "queued"));
    }

    @Test
    void outOfOrderCallbacksNeverMoveTheCallBackwards() {
        String sid = Calls.place(Calls.uniqueNumber());

        postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);
        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
        api().get("/api/calls/{sid}", sid).then().body("status", is("in-progress"));
        postSigned(callback(sid, "completed", 3)).then().statusCode(204);
        postSigned(callback(sid, "initiated", 0)).then().statusCode(204);

        api().get("/api/calls/{sid}", sid).then().body("status", is("completed"), "timeline", hasSize(5));
    }

    @Test
    void duplicateCallbacksAreHarmless() {
        String sid = Calls.place(Calls.uniqueNumber());

        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);

        api().get("/api/calls/{sid}", sid).then().body("status", is("ringing"), "timeline", hasSize(2));
    }

    @Test
    void forgedOrMissingSignatureIsRefusedAndChangesNothing() {
        String sid = Calls.place(Calls.uniqueNumber());
        Map<String, String> params = callback(sid, "completed", 3);

        given().formParams(params).header("X-Twilio-Signature", TwilioCallbacks.sign("wrong-token", URL, params))
                .post("/twilio/status").then().statusCode(403);
        given().formParams(params).post("/twilio/status").then().statusCode(403);
        Map<String, String> tampered = new HashMap<>(params);
        tampered.put("CallStatus", "failed");
        given().formParams(tampered).header("X-Twilio-Signature", TwilioCallbacks.sign(FakeTwilio.AUTH_TOKEN, URL, params))
                .post("/twilio/status").then().statusCode(403);

        api().get("/api/calls/{sid}", sid).then().body("status", is("queued"), "timeline", hasSize(1));
    }

    @Test
    void jsonCallbackIsCheckedThroughBodySha256() throws Exception {
        String sid = Calls.place(Calls.uniqueNumber());
        String body = "{\"CallSid\":\"%s\",\"CallStatus\":\"ringing\",\"SequenceNumber\":\"1\"}".formatted(sid);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        String signature = TwilioCallbacks.sign(FakeTwilio.AUTH_TOKEN, URL + "?bodySHA256=" + hash, Map.of());

        given().contentType("application/json").body(body).header("X-Twilio-Signature", signature)
                .post("/twilio/status?bodySHA256=" + hash).then().statusCode(204);
        given().contentType("application/json").body(body.replace("ringing", "failed"))
                .header("X-Twilio-Signature", signature)
                .post("/twilio/status?bodySHA256=" + hash).then().statusCode(403);

        api().get("/api/calls/{sid}", sid).then().body("status", is("ringing"));
    }

    @Test
    void callbackForAnUnknownCallEntersTheHistory() {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> params = callback(sid, "ringing", 1);
        params.put("Direction", "inbound");

        postSigned(params).then().statusCode(204);

        api().get("/api/calls/{sid}", sid).then().statusCode(200)
                .body("direction", is("inbound"), "status", is("ringing"), "to", is("+14155550123"));
    }

    @Test
    void answeringMachineResultIsRecorded() {
        String sid = Calls.place(Calls.uniqueNumber());

        postSigned(Map.of("CallSid", sid, "AnsweredBy", "machine_start", "AccountSid", FakeTwilio.ACCOUNT_SID))
                .then().statusCode(204);

        api().get("/api/calls/{sid}", sid).then().body("answeredBy", is("machine_start"));
    }

    @Test
    void malformedCallbacksAre400() {
        postSigned(Map.of("CallStatus", "ringing")).then().statusCode(400).body("field", is("CallSid"));
        postSigned(Map.of("CallSid", "CA1", "CallStatus", "exploded")).then().statusCode(400)
                .body("field", is("CallStatus"));
        postSigned(Map.of("CallSid", "CA1", "CallStatus", "ringing", "SequenceNumber", "x")).then().statusCode(400)
                .body("field", is("SequenceNumber"));
    }
}
