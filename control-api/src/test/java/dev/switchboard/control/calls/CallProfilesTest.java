package dev.switchboard.control.calls;

import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Api.internal;
import static dev.switchboard.control.support.Calls.sid;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/** Which agent profile a call runs on: named when dialing, recorded with its version, reported by the gateway. */
@QuarkusTest
class CallProfilesTest extends SocketTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    private String profile;

    @BeforeEach
    void aProfile() {
        profile = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(JSON).body("""
                {"instructions": "You sell boats.", "voice": "cedar", "tools": []}""")
                .put("/api/profiles/{name}", profile).then().statusCode(201);
    }

    @Test
    void anOutboundCallRecordsTheProfileItWasDialedWithAndItsContextNamesIt() {
        String to = uniqueNumber();
        String sid = api().contentType(JSON).body("{\"to\": \"%s\", \"profile\": \"%s\"}".formatted(to, profile))
                .post("/api/calls").then().statusCode(201).body("profile", is(profile), "profileVersion", is(1))
                .extract().path("sid");

        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("profile", is(profile), "profileVersion", is(1));
        api().queryParam("number", to).get("/api/calls").then().statusCode(200)
                .body("items[0].profile", is(profile), "items[0].profileVersion", is(1));
        internal().get("/internal/calls/{sid}/context", sid).then().statusCode(200)
                .body("profile", is(profile), "profileVersion", is(1));
    }

    @Test
    void aCallWithoutAProfileRunsTheDefaultOne() {
        api().contentType(JSON).body("{\"to\": \"%s\"}".formatted(uniqueNumber())).post("/api/calls")
                .then().statusCode(201).body("profile", is("default"));
    }

    @Test
    void anUnknownProfileIsRefusedWith422AndNothingIsDialed() {
        int before = twilio.received().size();
        api().contentType(JSON).body("{\"to\": \"%s\", \"profile\": \"nope-%s\"}".formatted(uniqueNumber(), profile))
                .post("/api/calls").then().statusCode(422).body("code", is("unknown_profile"));
        api().contentType(JSON).body("{\"to\": \"%s\", \"profile\": \"Bad Name\"}".formatted(uniqueNumber()))
                .post("/api/calls").then().statusCode(422).body("code", is("unknown_profile"));
        assertThat(twilio.received()).hasSize(before);
    }

    @Test
    void theIdempotencyKeyCoversTheProfile() {
        String key = "profile-" + UUID.randomUUID();
        String to = uniqueNumber();
        api().contentType(JSON).header("Idempotency-Key", key).body("{\"to\": \"%s\", \"profile\": \"%s\"}"
                .formatted(to, profile)).post("/api/calls").then().statusCode(201);
        api().contentType(JSON).header("Idempotency-Key", key).body("{\"to\": \"%s\", \"profile\": \"default\"}"
                .formatted(to)).post("/api/calls").then().statusCode(422).body("code", is("idempotency_key_reused"));
    }

    @Test
    void theGatewaysCallStartedSaysWhichProfileAndVersionTheCallRunsOn() throws InterruptedException {
        String call = sid();
        try (TestSocket gateway = gateway(); TestSocket logs = logs("/logs")) {
            gateway.next();
            gateway.send(TestSocket.event("call.started", call, new JsonObject().put("direction", "inbound")
                    .put("from", "+15005550006").put("to", uniqueNumber()).put("profile", profile)
                    .put("profileVersion", 1)));
            await().untilAsserted(() -> api().get("/api/calls/{sid}", call).then().statusCode(200)
                    .body("profile", is(profile), "profileVersion", is(1)));
            JsonObject live;
            do {
                live = logs.next();
            } while (!call.equals(live.getString("callSid")));
            assertThat(live.getJsonObject("data").getString("profile")).isEqualTo(profile);
            assertThat(live.getJsonObject("data").getInteger("profileVersion")).isEqualTo(1);
            gateway.send(TestSocket.event("call.ended", call, new JsonObject().put("reason", "test")));
        }
    }
}
