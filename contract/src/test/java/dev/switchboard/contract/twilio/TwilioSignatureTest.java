package dev.switchboard.contract.twilio;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's own vectors, from twilio-java's RequestValidatorTest. */
class TwilioSignatureTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("Digits", "1234", "CallSid", "CA1234567890ABCDE",
            "To", "+18005551212", "Caller", "+14158675309", "From", "+14158675309");
    private static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    private static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    private final TwilioSignature twilio = new TwilioSignature("12345");

    @Test
    void signsLikeTwilio() {
        assertThat(twilio.sign(URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(twilio.sign(URL, Map.of())).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
        assertThat(twilio.sign(URL, null)).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
        assertThat(twilio.sign("https://mycompany.com/myapp.php", PARAMS)).isEqualTo("1xaxFBvyzXYvWplzNOSs28HWO94=");
        assertThat(twilio.sign(URL, Map.of("Zebra", "last", "Alpha", "first", "Beta", "second", "Gamma", "third")))
                .isEqualTo("enveUe73ZTVLAekHxez3Qx6JuuQ=");
        Map<String, String> cased = new LinkedHashMap<>();
        cased.put("callSid", "lowercase");
        cased.put("CallSid", "uppercase");
        cased.put("CALLSID", "allcaps");
        assertThat(twilio.sign(URL, cased)).isEqualTo("jDK7WKT8wiNrwggd4ceTv4e1MJ4=");
    }

    @Test
    void signsSpecialEmptyAndNullValuesLikeTwilio() {
        assertThat(twilio.sign(URL, Map.of("Message", "Hello & goodbye! @#$%^*()", "From", "+1 (415) 867-5309",
                "Special", "unicode: ñáéíóú"))).isEqualTo("dCPiR4WtQ6QFN6pJh81CtlCcWLQ=");
        assertThat(twilio.sign(URL, Map.of("Digits", "", "CallSid", "CA1234567890ABCDE", "EmptyParam", "")))
                .isEqualTo("9HHp/OqQMEwdrVebHDdA/+tqjX8=");
        Map<String, String> nulls = new HashMap<>();
        nulls.put("Digits", null);
        nulls.put("CallSid", "CA1234567890ABCDE");
        nulls.put("NullParam", null);
        assertThat(twilio.sign(URL, nulls)).isEqualTo("L9lTTwIlxM1xGAtLRwhOSZggRhM=");
        assertThat(twilio.sign("https://mycompany.com/webhook/España?año=2023", PARAMS))
                .isEqualTo("G/Hx6mqqnjUNlPAoi2Sp9bGst0g=");
    }

    @Test
    void validatesWithThePortAddedOrRemoved() {
        assertThat(twilio.valid(URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        assertThat(twilio.valid(URL, PARAMS, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(twilio.valid(URL, PARAMS, null)).isFalse();
        assertThat(twilio.valid("https://mycompany.com:1234/myapp.php?foo=1&bar=2", PARAMS,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        assertThat(twilio.valid("http://mycompany.com:1234/myapp.php?foo=1&bar=2", PARAMS,
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isTrue();
        assertThat(twilio.valid(URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
        assertThat(twilio.valid("http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS,
                "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isTrue();
        assertThat(twilio.valid("https://mycompany.com:443//myapp.php?foo=1&bar=2", PARAMS,
                "A9lH3u16NjyiiM/+wylw5rirFUs=")).isTrue();
        assertThat(twilio.valid("https://mycompany.com/myapp.php?foo=hello%20world&bar=test%2Bvalue", PARAMS,
                "er2tvAP1Wx+iuTTE2BPgvEaN1cs=")).isTrue();
    }

    @Test
    void validatesJsonBodiesByTheirHash() {
        String url = URL + "&bodySHA256=" + BODY_HASH;
        assertThat(twilio.validJson(url, BODY, "a9nBmqA0ju/hNViExpshrM61xv4=")).isTrue();
        assertThat(twilio.validJson("https://mycompany.com/myapp.php?bodySHA256=" + BODY_HASH, BODY,
                "y77kIzt2vzLz71DgmJGsen2scGs=")).isTrue();
        assertThat(twilio.validJson(url, BODY + " ", "a9nBmqA0ju/hNViExpshrM61xv4=")).isFalse();
        assertThat(twilio.validJson(URL, BODY, twilio.sign(URL, Map.of()))).isFalse();
    }

    @Test
    void acceptsWhatTheTwilioSdkAccepts() throws URISyntaxException {
        RequestValidator sdk = new RequestValidator("12345");
        for (String url : List.of(URL, "http://127.0.0.1:8081/twiml", "https://control.example.com/twilio/status",
                "https://control.example.com:8443/twilio/status?x=1", "wss://gateway.example.com/call")) {
            for (String signedUrl : List.of(url, url.replaceFirst("(//[^/:]+)/", "$1:443/"), url + "/")) {
                String signature = twilio.sign(signedUrl, PARAMS);
                assertThat(twilio.valid(url, PARAMS, signature)).as(signedUrl + " for " + url)
                        .isEqualTo(sdk.validate(url, PARAMS, signature));
            }
        }
        String jsonUrl = "https://control.example.com/twilio/status?bodySHA256=" + BODY_HASH;
        String signature = twilio.sign(jsonUrl, Map.of());
        assertThat(twilio.validJson(jsonUrl, BODY, signature)).isTrue()
                .isEqualTo(sdk.validate(jsonUrl, BODY, signature));
    }
}
