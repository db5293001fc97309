package dev.switchboard.control.status;

import dev.switchboard.control.gateway.GatewayLinks;
import dev.switchboard.control.support.Api;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.switchboard.control.support.Api.TOKEN;
import static dev.switchboard.control.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Twilio configured (the fake Twilio's credentials), an API key set, https public URLs (the %test profile). */
@QuarkusTest
class StatusResourceTest extends SocketTest {

    @Inject
    GatewayLinks links;

    @BeforeEach
    void noGatewayLinked() {
        await().until(() -> links.count() == 0);
    }

    @Test
    void reportsTwilioModeWithChecksOnAndNoGateway() {
        api().get("/api/status").then().statusCode(200)
                .body("twilioConfigured", is(true), "dialerMode", is("twilio"), "signatureChecking", is(true),
                        "apiKeyRequired", is(true), "gatewayLinked", is(false), "gateways", is(0),
                        "openaiKeyPresent", nullValue(), "agentMode", nullValue(),
                        "publicUrl.value", is("https://control.example.com"), "publicUrl.httpsScheme", is(true),
                        "publicUrl.looksPublic", is(true), "publicUrl.problem", nullValue(),
                        "gatewayPublicUrl.value", is("https://gateway.example.com"),
                        "gatewayPublicUrl.problem", nullValue());
    }

    @Test
    void needsTheApiKey() {
        given().get("/api/status").then().statusCode(401).body("code", is("auth.required"));
        given().auth().oauth2("wrong").get("/api/status").then().statusCode(401);
    }

    @Test
    void neverShowsASecretOrAPrefixOfOne() {
        String body = api().get("/api/status").then().statusCode(200).extract().asString();
        for (String secret : new String[] {FakeTwilio.AUTH_TOKEN, Api.API_KEY, Api.INTERNAL_TOKEN}) {
            assertThat(body).doesNotContain(secret.substring(0, 6));
        }
    }

    @Test
    void reportsWhatTheLinkedGatewaysSaidInTheirHello() throws Exception {
        try (TestSocket local = hello("gw-local", "local", false)) {
            await().untilAsserted(() -> api().get("/api/status").then()
                    .body("gatewayLinked", is(true), "gateways", is(1), "agentMode", is("local"),
                            "openaiKeyPresent", is(false)));
            try (TestSocket openai = hello("gw-openai", "openai", true)) {
                await().untilAsserted(() -> api().get("/api/status").then()
                        .body("gateways", is(2), "agentMode", is("mixed"), "openaiKeyPresent", is(false)));
            }
        }
        try (TestSocket openai = hello("gw-openai-2", "openai", true)) {
            await().untilAsserted(() -> api().get("/api/status").then()
                    .body("gateways", is(1), "agentMode", is("openai"), "openaiKeyPresent", is(true)));
        }
        await().until(() -> links.count() == 0);
        api().get("/api/status").then().body("gatewayLinked", is(false), "openaiKeyPresent", nullValue());
    }

    @Test
    void aGatewayThatDoesNotSayItsModeIsUnknown() throws Exception {
        try (TestSocket old = TestSocket.open(VERTX, base, "/internal/gateway", TOKEN)) {
            old.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", "gw-old")
                    .put("capacity", 10)));
            await().untilAsserted(() -> api().get("/api/status").then()
                    .body("gatewayLinked", is(true), "gateways", is(1), "agentMode", nullValue(),
                            "openaiKeyPresent", nullValue()));
        }
    }

    private TestSocket hello(String instanceId, String mode, boolean keyPresent) {
        TestSocket gateway = TestSocket.open(VERTX, base, "/internal/gateway", TOKEN);
        gateway.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", instanceId)
                .put("capacity", 10).put("agentMode", mode).put("openaiKeyPresent", keyPresent)));
        return gateway;
    }
}
