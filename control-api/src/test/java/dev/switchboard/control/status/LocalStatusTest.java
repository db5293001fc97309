package dev.switchboard.control.status;

import dev.switchboard.control.support.LocalGatewayMode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** No Twilio account, no API key, loopback http public URLs (the fake gateway's). */
@QuarkusTest
@TestProfile(LocalGatewayMode.class)
class LocalStatusTest {

    @Test
    void reportsLocalModeWithChecksOffAndLoopbackUrls() {
        given().get("/api/status").then().statusCode(200)
                .body("twilioConfigured", is(false), "dialerMode", is("local"), "signatureChecking", is(false),
                        "apiKeyRequired", is(false), "gatewayLinked", is(false), "gateways", is(0),
                        "publicUrl.value", startsWith("http://127.0.0.1:"), "publicUrl.httpsScheme", is(false),
                        "publicUrl.looksPublic", is(false), "publicUrl.problem", containsString("127.0.0.1"),
                        "gatewayPublicUrl.looksPublic", is(false));
    }
}
