package dev.switchboard.control.calls;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.control.support.Api.KEY;
import static dev.switchboard.control.support.Api.TOKEN;
import static dev.switchboard.control.support.Api.api;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CallTransferTest extends SocketTest {

    static final String DESK = "+15005550009";

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Test
    void tellsTheHoldingGatewayFirstAndRedirectsWithDialOnlyOnceItIsReady() throws Exception {
        String sid = answeredCall();
        try (TestSocket gateway = holding(sid); TestSocket logs = TestSocket.open(VERTX, base, "/logs?callSid=" + sid, KEY)) {
            CompletableFuture<Response> posted = CompletableFuture.supplyAsync(() -> api().contentType(JSON)
                    .body("{\"target\": \"%s\", \"reason\": \"wants a person\"}".formatted(DESK))
                    .post("/api/calls/{sid}/transfer", sid));

            assertThat(nextOfType(gateway, "call.transfer").getJsonObject("data").getString("target")).isEqualTo(DESK);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> twilio.lastUpdateOf(sid) == null);
            gateway.send(TestSocket.event("call.transfer.ready", sid, new JsonObject().put("held", true)));

            posted.get(10, TimeUnit.SECONDS).then().statusCode(202).body("sid", is(sid),
                    "transfers[0].target", is(DESK), "transfers[0].requestedBy", is("api"),
                    "transfers[0].reason", is("wants a person"));
            String twiml = twilio.lastUpdateOf(sid).get("Twiml");
            assertThat(twiml).contains("<Say>").contains("<Dial><Number>" + DESK + "</Number></Dial>");
            assertThat(twilio.lastUpdateOf(sid).get("Status")).isNull();
            assertThat(nextOfType(logs, "call.transferred").getJsonObject("data").getString("target")).isEqualTo(DESK);
        }
    }

    @Test
    void dialsASipAddress() throws Exception {
        String sid = answeredCall();
        api().contentType(JSON).body("{\"target\": \"sip:desk@pbx.example.com;transport=tls\"}")
                .post("/api/calls/{sid}/transfer", sid).then().statusCode(202);
        assertThat(twilio.lastUpdateOf(sid).get("Twiml"))
                .contains("<Dial><Sip>sip:desk@pbx.example.com;transport=tls</Sip></Dial>");
    }

    @Test
    void refusesTargetsThatAreNotE164OrSipWithoutAskingTwilio() {
        String sid = answeredCall();
        int before = twilio.received().size();
        for (String body : new String[] {"{\"target\": \"555-1234\"}", "{\"target\": \"tel:+14155550123\"}",
                "{\"target\": \"sip:a b@example.com\"}", "{\"target\": \"sip:x@h\\\"/><Hangup/>\"}", "{}"}) {
            api().contentType(JSON).body(body).post("/api/calls/{sid}/transfer", sid)
                    .then().statusCode(400).body("field", is("target"));
        }
        assertThat(twilio.received()).hasSize(before);
    }

    @Test
    void unknownCallIs404() {
        api().contentType(JSON).body("{\"target\": \"%s\"}".formatted(DESK))
                .post("/api/calls/CAdoesnotexist/transfer").then().statusCode(404).body("code", is("call.unknown"));
    }

    @Test
    void aCallThatIsNotLiveIsConflict() {
        String ringing = Calls.place(Calls.uniqueNumber());
        transfer(ringing).then().statusCode(409).body("code", is("call.not-live"));

        String ended = answeredCall();
        TwilioCallbacks.postSigned(TwilioCallbacks.callback(ended, "completed", 5)).then().statusCode(204);
        transfer(ended).then().statusCode(409).body("code", is("call.ended"));

        String moved = answeredCall();
        transfer(moved).then().statusCode(202);
        transfer(moved).then().statusCode(409).body("code", is("call.not-live"));
    }

    @Test
    void twilioRefusalIsBadGatewayWithTheCodeOnlyAndTheGatewayHearsItFailed() throws Exception {
        String sid = answeredCall();
        try (TestSocket gateway = holding(sid)) {
            twilio.failNext(400, 21220);
            transfer(sid).then().statusCode(502).body("code", is("twilio.rejected"), "twilioCode", is(21220),
                    "message", not(containsString(DESK)));
            assertThat(nextOfType(gateway, "call.transfer").getJsonObject("data").getString("target")).isEqualTo(DESK);
            assertThat(nextOfType(gateway, "call.transfer.failed").getString("callSid")).isEqualTo(sid);
            api().get("/api/calls/{sid}", sid).then().body("transfers", org.hamcrest.Matchers.empty());
        }
    }

    @Test
    void aBridgeEndedByTheTransferLeavesTheCallInProgressUntilTwilioSaysCompleted() throws Exception {
        String sid = answeredCall();
        try (TestSocket gateway = holding(sid)) {
            transfer(sid).then().statusCode(202);
            gateway.send(TestSocket.event("call.ended", sid, new JsonObject().put("reason", "transferred")
                    .put("durationMs", 5000)));
            await().untilAsserted(() -> api().get("/api/calls/{sid}", sid).then()
                    .body("endReason", is("transferred"), "status", is("in-progress")));
            TwilioCallbacks.postSigned(TwilioCallbacks.callback(sid, "completed", 5)).then().statusCode(204);
            api().get("/api/calls/{sid}", sid).then().body("status", is("completed"), "durationMs", is(42_000));
        }
    }

    @Test
    void theAgentsRequestRunsTheSameTransferToTheConfiguredTargetOnly() throws Exception {
        configureTransferTarget(DESK);
        String sid = answeredCall();
        try (TestSocket gateway = holding(sid)) {
            gateway.send(request(sid, "+15005550666", Instant.now()));
            assertThat(nextOfType(gateway, "call.transfer.failed").getJsonObject("data").getString("reason"))
                    .isEqualTo("no transfer target is configured");

            gateway.send(request(sid, DESK, Instant.now().minusSeconds(120)));
            assertThat(nextOfType(gateway, "call.transfer.failed").getJsonObject("data").getString("reason"))
                    .isEqualTo("the request came too late");
            assertThat(twilio.lastUpdateOf(sid)).isNull();

            gateway.send(request(sid, DESK, Instant.now()));
            assertThat(nextOfType(gateway, "call.transfer").getJsonObject("data").getString("target")).isEqualTo(DESK);
            gateway.send(TestSocket.event("call.transfer.ready", sid, new JsonObject().put("held", true)));
            await().untilAsserted(() -> assertThat(twilio.lastUpdateOf(sid)).isNotNull());
            MultiMap update = twilio.lastUpdateOf(sid);
            assertThat(update.get("Twiml")).contains("<Number>" + DESK + "</Number>");
            await().untilAsserted(() -> api().get("/api/calls/{sid}", sid).then()
                    .body("transfers[0].requestedBy", is("agent"), "transfers[0].reason", is("caller asked")));
        }
    }

    @Test
    void anEnabledTransferCallNeedsAValidTarget() {
        api().contentType(JSON).body(config(null)).put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].target"), "message", containsString("required"));
        api().contentType(JSON).body(config("\"555\"")).put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].target"));
        api().contentType(JSON).body(config("\"" + DESK + "\"")).put("/api/config")
                .then().statusCode(200).body("tools.target", hasItem(DESK));
    }

    private static Response transfer(String sid) {
        return api().contentType(JSON).body("{\"target\": \"%s\"}".formatted(DESK)).post("/api/calls/{sid}/transfer", sid);
    }

    private static String answeredCall() {
        String sid = Calls.place(Calls.uniqueNumber());
        TwilioCallbacks.postSigned(TwilioCallbacks.callback(sid, "in-progress", 2)).then().statusCode(204);
        return sid;
    }

    /** A gateway link that reports the call as its own, once control-api has taken note. */
    private TestSocket holding(String sid) throws InterruptedException {
        TestSocket gateway = TestSocket.open(VERTX, base, "/internal/gateway", TOKEN);
        gateway.next();
        gateway.send(TestSocket.event("call.started", sid, new JsonObject().put("direction", "outbound-api")));
        await().untilAsserted(() -> api().get("/api/calls/{sid}", sid).then()
                .body("timeline.source", hasItem("gateway")));
        return gateway;
    }

    private static JsonObject nextOfType(TestSocket socket, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = socket.next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame");
    }

    private static JsonObject request(String sid, String target, Instant at) {
        return new JsonObject().put("type", "call.transfer.requested").put("callSid", sid).put("at", at.toString())
                .put("data", new JsonObject().put("target", target).put("reason", "caller asked"));
    }

    private static void configureTransferTarget(String target) {
        api().contentType(JSON).body(config("\"" + target + "\"")).put("/api/config").then().statusCode(200);
    }

    private static String config(String target) {
        return """
                {"instructions": "Transfer when asked.", "voice": "marin", "tools": [
                  {"name": "transfer_call", "kind": "builtin", "enabled": true, "target": %s}]}""".formatted(target);
    }
}
