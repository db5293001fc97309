package dev.switchboard.gateway.twiml;

import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.TwilioSigner;
import dev.switchboard.gateway.twilio.StreamTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class TwimlResourceTest {

    private static final Map<String, String> FORM = Map.of("CallSid", "CA_twiml_1", "From", "+15005550006",
            "To", "+15005550001", "Direction", "inbound", "AccountSid", "AC00000000000000000000000000000000",
            "CallStatus", "ringing");

    // Keyed like the app under %test; built here rather than injected so TwimlResourceIT runs it against the executable.
    private final StreamTokens tokens = new StreamTokens("test-stream-secret".getBytes(StandardCharsets.UTF_8),
            Duration.ofMinutes(5), Clock.systemUTC());

    @Test
    void aSignedPostIsAnsweredWithAConnectStreamToThePublicWssUrl() {
        String xml = given().formParams(FORM)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", FORM))
                .post("/twiml")
                .then().statusCode(200).contentType(startsWith("text/xml"))
                .body(containsString("<Connect action=\"https://gateway.test/twiml/resume\"><Stream url=\"wss://gateway.test/call\">"))
                .body(containsString("<Parameter name=\"from\" value=\"+15005550006\"/>"))
                .body(containsString("<Parameter name=\"to\" value=\"+15005550001\"/>"))
                .body(containsString("<Parameter name=\"direction\" value=\"inbound\"/>"))
                .extract().asString();
        Matcher token = Pattern.compile("name=\"streamToken\" value=\"([^\"]+)\"").matcher(xml);
        assertThat(token.find()).isTrue();
        assertThat(tokens.verify("CA_twiml_1", token.group(1))).isTrue();
        assertThat(tokens.verify("CA_other", token.group(1))).isFalse();
    }

    @Test
    void aSignedGetIsCheckedAgainstTheUrlWithItsQuery() {
        given()
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml?"
                        + "CallSid=CA_twiml_1&From=%2B15005550006", Map.of()))
                .urlEncodingEnabled(false)
                .get("/twiml?CallSid=CA_twiml_1&From=%2B15005550006")
                .then().statusCode(200).body(containsString("wss://gateway.test/call"));
    }

    @Test
    void aForgedSignatureGets403AndNoTwiml() {
        given().formParams(FORM)
                .header("X-Twilio-Signature", TwilioSigner.sign("wrong-token", TwilioSigner.PUBLIC_BASE + "/twiml", FORM))
                .post("/twiml")
                .then().statusCode(403).body(emptyString());
    }

    @Test
    void aSignatureOverOtherParametersGets403() {
        given().formParams(FORM)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml",
                        Map.of("CallSid", "CA_twiml_1")))
                .post("/twiml")
                .then().statusCode(403).body(emptyString());
    }

    @Test
    void aMissingSignatureGets403AndNoTwiml() {
        given().formParams(FORM).post("/twiml").then().statusCode(403).body(emptyString());
    }
}
