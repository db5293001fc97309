package dev.switchboard.control.twilio;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.TwilioCallbacks.amd;
import static dev.switchboard.control.support.TwilioCallbacks.postSignedAmd;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AmdCallbackTest extends SocketTest {

    @Test
    void aSignedResultIsStoredAndPassedToTheGatewayHoldingTheCall() throws Exception {
        String call = placeWithAmd();
        try (TestSocket gateway = linked()) {
            started(gateway, call);

            postSignedAmd(amd(call, "machine_end_beep")).then().statusCode(204);

            JsonObject frame = gateway.nextFor(call);
            assertThat(frame.getString("type")).isEqualTo("call.amd.result");
            assertThat(frame.getJsonObject("data").getMap()).isEqualTo(Map.of("answeredBy", "machine_end_beep"));
        }
        api().get("/api/calls/{sid}", call).then().statusCode(200).body("answeredBy", is("machine_end_beep"));
    }

    @Test
    void aForgedResultIsRefusedAndChangesNothing() throws Exception {
        String call = placeWithAmd();
        try (TestSocket gateway = linked()) {
            started(gateway, call);
            Map<String, String> params = amd(call, "machine_end_beep");

            given().formParams(params).header("X-Twilio-Signature",
                            TwilioCallbacks.sign("not-the-token", TwilioCallbacks.AMD_URL, params))
                    .header("X-Forwarded-For", TwilioCallbacks.AMD_CLIENT).post("/twilio/amd").then().statusCode(403);
            given().formParams(params).header("X-Forwarded-For", TwilioCallbacks.AMD_CLIENT).post("/twilio/amd")
                    .then().statusCode(403);

            api().get("/api/calls/{sid}", call).then().body("answeredBy", nullValue());
            postSignedAmd(amd(call, "human")).then().statusCode(204);
            JsonObject frame = gateway.nextFor(call);
            assertThat(frame.getJsonObject("data").getString("answeredBy")).isEqualTo("human");
        }
    }

    @Test
    void aResultBeforeTheStreamStartsReachesTheGatewayWithItsCallStarted() throws Exception {
        String call = placeWithAmd();
        postSignedAmd(amd(call, "human")).then().statusCode(204);

        try (TestSocket gateway = linked()) {
            gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "outbound-api"))
                    .put("seq", 1));

            JsonObject frame = gateway.nextFor(call);
            assertThat(frame.getString("type")).isEqualTo("call.amd.result");
            assertThat(frame.getJsonObject("data").getString("answeredBy")).isEqualTo("human");
        }
    }

    @Test
    void anUndocumentedValueIsStoredAsGivenButPassedOnAsUnknown() throws Exception {
        String call = placeWithAmd();
        try (TestSocket gateway = linked()) {
            started(gateway, call);

            postSignedAmd(amd(call, "machine_probably")).then().statusCode(204);

            assertThat(gateway.nextFor(call).getJsonObject("data").getString("answeredBy")).isEqualTo("unknown");
        }
        api().get("/api/calls/{sid}", call).then().body("answeredBy", is("machine_probably"));
    }

    @Test
    void aResultForAnUnknownCallIsIgnored() {
        String call = Calls.sid();

        postSignedAmd(amd(call, "human")).then().statusCode(204);

        api().get("/api/calls/{sid}", call).then().statusCode(404);
    }

    @Test
    void aResultWithoutAnsweredByIsRefused() {
        Map<String, String> params = amd(placeWithAmd(), "human");
        params.remove("AnsweredBy");

        postSignedAmd(params).then().statusCode(400).body("field", is("AnsweredBy"));
    }

    @Test
    void theOpenApiDocumentDescribesTheCallbackAndTheAmdPlan() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/twilio/amd'.post", org.hamcrest.Matchers.notNullValue(),
                        "components.schemas.AmdRequest.properties.mode", org.hamcrest.Matchers.notNullValue());
    }

    private static String placeWithAmd() {
        return api().header("X-Forwarded-For", TwilioCallbacks.AMD_CLIENT).contentType(JSON).body("""
                {"to": "%s", "amd": {"mode": "hangup"}}""".formatted(Calls.uniqueNumber()))
                .post("/api/calls").then().statusCode(201).extract().path("sid");
    }

    private static void started(TestSocket gateway, String call) throws InterruptedException {
        gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "outbound-api")
                .put("from", FakeTwilio.FROM).put("to", "+14155550123")).put("seq", 1));
        awaitAck(gateway, 1);
    }

    private TestSocket linked() throws InterruptedException {
        String boot = UUID.randomUUID().toString();
        TestSocket gateway = gateway();
        assertThat(gateway.next().getString("type")).isEqualTo("config.snapshot");
        gateway.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", "gw-" + boot)
                .put("bootId", boot).put("capacity", 10)));
        assertThat(gateway.next().getString("type")).isEqualTo("link.ack");
        return gateway;
    }

    private static void awaitAck(TestSocket gateway, long seq) throws InterruptedException {
        while (true) {
            JsonObject frame = gateway.next();
            if ("link.ack".equals(frame.getString("type")) && frame.getJsonObject("data").getLong("seq") >= seq) {
                return;
            }
        }
    }
}
