package dev.switchboard.control.calls;

import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Api.internal;
import static dev.switchboard.control.support.Calls.place;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CallResourceTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Test
    void placesCallThroughTheTwilioSdkAndStoresIt() {
        String to = uniqueNumber();
        int before = twilio.received().size();

        Response placed = api().contentType(JSON).body("""
                {"to": "%s", "instructions": "Confirm the delivery slot.", "variables": {"order": "A-17", "slot": 3}}
                """.formatted(to)).post("/api/calls");

        placed.then().statusCode(201).body("status", is("queued"), "to", is(to), "from", is(FakeTwilio.FROM),
                "direction", is("outbound-api"), "mode", is("twilio"));
        String sid = placed.jsonPath().getString("sid");
        placed.then().header("Location", endsWith("/api/calls/" + sid));
        FakeTwilio.Received request = twilio.received().get(before);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls.json");
        assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (FakeTwilio.ACCOUNT_SID + ":" + FakeTwilio.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.form().get("To")).isEqualTo(to);
        assertThat(request.form().get("From")).isEqualTo(FakeTwilio.FROM);
        assertThat(request.form().get("Url")).isEqualTo("https://gateway.example.com/twiml");
        assertThat(request.form().get("StatusCallback")).isEqualTo("https://control.example.com/twilio/status");
        assertThat(request.form().getAll("StatusCallbackEvent"))
                .containsExactlyInAnyOrder("initiated", "ringing", "answered", "completed");
        assertThat(request.form().get("MachineDetection")).isNull();

        api().get("/api/calls/{sid}", sid).then().statusCode(200)
                .body("sid", is(sid), "status", is("queued"), "timeline[0].status", is("queued"),
                        "timeline[0].source", is("api"), "instructions", is("Confirm the delivery slot."));
        internal().get("/internal/calls/{sid}/context", sid).then().statusCode(200)
                .body("instructions", is("Confirm the delivery slot."), "variables.order", is("A-17"),
                        "variables.slot", is(3));
    }

    @Test
    void passesMachineDetectionAndRecordingFlags() {
        int before = twilio.received().size();

        api().contentType(JSON).body("""
                {"to": "%s", "from": "+15005550001", "machineDetection": true, "record": true}""".formatted(uniqueNumber()))
                .post("/api/calls").then().statusCode(201);

        FakeTwilio.Received request = twilio.received().get(before);
        assertThat(request.form().get("From")).isEqualTo("+15005550001");
        assertThat(request.form().get("MachineDetection")).isEqualTo("Enable");
        assertThat(request.form().get("AsyncAmd")).isEqualTo("true");
        assertThat(request.form().get("AsyncAmdStatusCallback")).isEqualTo("https://control.example.com/twilio/status");
        assertThat(request.form().get("Record")).isEqualTo("true");
    }

    @Test
    void dialsWithAsyncAmdToTheMessageEndAndServesThePlanInTheContext() {
        int before = twilio.received().size();

        String sid = amdClient().contentType(JSON).body("""
                {"to": "%s", "amd": {"mode": "message", "message": "Hi, this is Acme about your delivery."}}"""
                .formatted(uniqueNumber())).post("/api/calls").then().statusCode(201).extract().path("sid");

        FakeTwilio.Received request = twilio.received().get(before);
        assertThat(request.form().get("MachineDetection")).isEqualTo("DetectMessageEnd");
        assertThat(request.form().get("AsyncAmd")).isEqualTo("true");
        assertThat(request.form().get("AsyncAmdStatusCallback")).isEqualTo("https://control.example.com/twilio/amd");
        assertThat(request.form().get("AsyncAmdStatusCallbackMethod")).isEqualTo("POST");
        internal().get("/internal/calls/{sid}/context", sid).then().statusCode(200)
                .body("amd.mode", is("message"), "amd.message", is("Hi, this is Acme about your delivery."));
    }

    @Test
    void amdHangupNeedsNoMessageAndACallWithoutAmdHasNoPlan() {
        String withAmd = amdClient().contentType(JSON).body("""
                {"to": "%s", "amd": {"mode": "hangup"}}""".formatted(uniqueNumber()))
                .post("/api/calls").then().statusCode(201).extract().path("sid");
        String without = amdClient().contentType(JSON)
                .body("{\"to\": \"%s\"}".formatted(uniqueNumber())).post("/api/calls").then().statusCode(201)
                .extract().path("sid");

        internal().get("/internal/calls/{sid}/context", withAmd).then().statusCode(200)
                .body("amd.mode", is("hangup"), "amd", not(hasKey("message")));
        internal().get("/internal/calls/{sid}/context", without).then().statusCode(200).body("$", not(hasKey("amd")));
    }

    @Test
    void refusesAnAmdPlanItCannotCarryOutWithoutDialling() {
        int before = twilio.received().size();
        String to = uniqueNumber();

        amdClient().contentType(JSON).body("{\"to\": \"%s\", \"amd\": {}}".formatted(to)).post("/api/calls")
                .then().statusCode(400).body("code", is("request.invalid"), "field", is("amd.mode"));
        amdClient().contentType(JSON).body("{\"to\": \"%s\", \"amd\": {\"mode\": \"beep\"}}".formatted(to))
                .post("/api/calls").then().statusCode(400).body("field", is("amd.mode"));
        amdClient().contentType(JSON).body("{\"to\": \"%s\", \"amd\": {\"mode\": \"message\"}}".formatted(to))
                .post("/api/calls").then().statusCode(400).body("field", is("amd.message"),
                        "message", is("amd.message is required when amd.mode is message"));
        amdClient().contentType(JSON).body("{\"to\": \"%s\", \"amd\": {\"mode\": \"message\", \"message\": \"%s\"}}"
                .formatted(to, "x".repeat(1001))).post("/api/calls").then().statusCode(400)
                .body("field", is("amd.message"));

        assertThat(twilio.received()).hasSize(before);
    }

    // Its own client address: these requests never use up other tests' rate limit on POST /api/calls.
    private static RequestSpecification amdClient() {
        return api().header("X-Forwarded-For", TwilioCallbacks.AMD_CLIENT);
    }

    @Test
    void refusesNumbersThatAreNotE164WithoutDialling() {
        int before = twilio.received().size();

        api().contentType(JSON).body("{\"to\": \"555-1234\"}").post("/api/calls")
                .then().statusCode(400).body("code", is("request.invalid"), "field", is("to"));
        api().contentType(JSON).body("{\"to\": \"+14155550123\", \"from\": \"0800 FLOWERS\"}").post("/api/calls")
                .then().statusCode(400).body("field", is("from"));
        api().contentType(JSON).body("{}").post("/api/calls")
                .then().statusCode(400).body("field", is("to"));
        api().contentType(JSON).post("/api/calls").then().statusCode(400);
        api().contentType(JSON).body("{\"to\": \"+14155550123\", \"variables\": {\"order\": {\"id\": 1}}}")
                .post("/api/calls").then().statusCode(400).body("field", is("variables.order"));

        assertThat(twilio.received()).hasSize(before);
    }

    @Test
    void reportsTwilioRefusalAsBadGatewayWithItsCodeOnly() {
        twilio.failNext(400, 21211);

        Response refused = api().contentType(JSON).body("{\"to\": \"+15005550001\"}").post("/api/calls");

        refused.then().statusCode(502).body("code", is("twilio.rejected"), "twilioCode", is(21211));
        assertThat(refused.asString()).doesNotContain("not a valid phone number", "+15005550001",
                FakeTwilio.AUTH_TOKEN, FakeTwilio.ACCOUNT_SID);
    }

    @Test
    void listsCallsNewestFirstWithPagingAndFilters() {
        String to = uniqueNumber();
        String first = place(to);
        String second = place(to);
        String third = place(to);

        api().queryParam("number", to).get("/api/calls").then().statusCode(200)
                .body("total", is(3), "items.sid", is(java.util.List.of(third, second, first)));
        api().queryParam("number", to).queryParam("size", 2).queryParam("page", 1).get("/api/calls")
                .then().statusCode(200).body("items.sid", is(java.util.List.of(first)), "page", is(1), "size", is(2));
        api().queryParam("number", to.substring(4)).queryParam("status", "queued").get("/api/calls")
                .then().statusCode(200).body("items.sid", hasItem(first));
        api().queryParam("number", to).queryParam("status", "completed").get("/api/calls")
                .then().statusCode(200).body("total", is(0));
        api().queryParam("number", to).queryParam("since", "2999-01-01").get("/api/calls")
                .then().statusCode(200).body("total", is(0));
        api().queryParam("number", to).queryParam("until", "2999-01-01T00:00:00Z").get("/api/calls")
                .then().statusCode(200).body("total", is(3));
    }

    @Test
    void refusesBadListParameters() {
        api().queryParam("size", 0).get("/api/calls").then().statusCode(400).body("field", is("size"));
        api().queryParam("size", 101).get("/api/calls").then().statusCode(400).body("field", is("size"));
        api().queryParam("page", -1).get("/api/calls").then().statusCode(400).body("field", is("page"));
        api().queryParam("status", "sleeping").get("/api/calls").then().statusCode(400).body("field", is("status"));
        api().queryParam("since", "yesterday").get("/api/calls").then().statusCode(400).body("field", is("since"));
        api().queryParam("number", "1 OR 1=1").get("/api/calls").then().statusCode(400).body("field", is("number"));
    }

    @Test
    void unknownCallIs404() {
        api().get("/api/calls/CAdoesnotexist").then().statusCode(404).body("code", is("call.unknown"));
        api().delete("/api/calls/CAdoesnotexist").then().statusCode(404);
        internal().get("/internal/calls/CAdoesnotexist/context").then().statusCode(404);
    }

    @Test
    void hangUpSendsStatusCompletedToTwilio() {
        String sid = place(uniqueNumber());
        int before = twilio.received().size();

        api().delete("/api/calls/{sid}", sid).then().statusCode(202).body("sid", is(sid));

        FakeTwilio.Received request = twilio.received().get(before);
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls/" + sid + ".json");
        assertThat(request.form().get("Status")).isEqualTo("completed");
    }

    @Test
    void hangUpRefusalIsBadGatewayAndEndedCallIsConflict() {
        String sid = place(uniqueNumber());
        twilio.failNext(404, 20404);
        api().delete("/api/calls/{sid}", sid).then().statusCode(502).body("twilioCode", is(20404));

        TwilioCallbacks.postSigned(java.util.Map.of("CallSid", sid, "CallStatus", "completed",
                "SequenceNumber", "3")).then().statusCode(204);
        api().delete("/api/calls/{sid}", sid).then().statusCode(409).body("code", is("call.ended"));
    }

    @Test
    void contextNeedsTheInternalToken() {
        String sid = place(uniqueNumber());

        api().get("/internal/calls/{sid}/context", sid).then().statusCode(401);
        io.restassured.RestAssured.given().get("/internal/calls/{sid}/context", sid).then().statusCode(401);
        internal().get("/internal/calls/{sid}/context", sid).then().statusCode(200)
                .body("callSid", is(sid), "instructions", nullValue());
    }
}
