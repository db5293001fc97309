package dev.switchboard.gateway.twilio;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's official vectors (twilio-java RequestValidatorTest) and derived handshake vectors. */
class TwilioSignaturesTest {

    private static final Optional<String> TOKEN = Optional.of("12345");
    private final TwilioSignatures signatures = new TwilioSignatures(TOKEN,
            new PublicUrls(URI.create("https://mycompany.com")));

    private static Map<String, String> commonParams() {
        Map<String, String> params = new HashMap<>();
        params.put("Digits", "1234");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("To", "+18005551212");
        params.put("Caller", "+14158675309");
        params.put("From", "+14158675309");
        return params;
    }

    @Test
    void acceptsTheOfficialSignatureOverUrlQueryAndFormParameters() {
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", commonParams(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void rejectsTheOfficialWrongSignature() {
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", commonParams(),
                "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void rejectsAMissingSignature() {
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", commonParams(), null)).isFalse();
    }

    @Test
    void acceptsTheSignatureComputedWithTheDefaultHttpsPort() {
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", commonParams(),
                "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
    }

    @Test
    void acceptsTheOfficialVectorsForEmptyParamsNoQueryAndEncodedQuery() {
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", Map.of(), "zYQTYrRWXE7LtzbG4PfP7/bkkGo="))
                .isTrue();
        assertThat(signatures.validWebhook("/myapp.php", null, commonParams(), "1xaxFBvyzXYvWplzNOSs28HWO94="))
                .isTrue();
        assertThat(signatures.validWebhook("/myapp.php", "foo=hello%20world&bar=test%2Bvalue", commonParams(),
                "er2tvAP1Wx+iuTTE2BPgvEaN1cs=")).isTrue();
    }

    @Test
    void signsEveryQueryParameterIncludingUnknownOnes() {
        assertThat(signatures.validWebhook("/myapp.php",
                "foo=1&bar=2&type=thiswontbeusedinthesignaturegeneratorandsoshouldbeignored", commonParams(),
                "hYkNsTBttoNGkyCS0p+wWmQoRTg=")).isTrue();
    }

    @Test
    void sortsParameterNamesCaseSensitivelyAndKeepsSpecialCharacters() {
        Map<String, String> cased = Map.of("callSid", "lowercase", "CallSid", "uppercase", "CALLSID", "allcaps");
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", cased, "jDK7WKT8wiNrwggd4ceTv4e1MJ4="))
                .isTrue();
        Map<String, String> special = new LinkedHashMap<>();
        special.put("Message", "Hello & goodbye! @#$%^*()");
        special.put("From", "+1 (415) 867-5309");
        special.put("Special", "unicode: ñáéíóú");
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", special, "dCPiR4WtQ6QFN6pJh81CtlCcWLQ="))
                .isTrue();
        Map<String, String> empty = Map.of("Digits", "", "CallSid", "CA1234567890ABCDE", "EmptyParam", "");
        assertThat(signatures.validWebhook("/myapp.php", "foo=1&bar=2", empty, "9HHp/OqQMEwdrVebHDdA/+tqjX8="))
                .isTrue();
    }

    @Test
    void theSdkAcceptsTheDerivedMediaStreamVectorsWithAndWithoutTrailingSlash() {
        RequestValidator validator = new RequestValidator("12345");
        assertThat(validator.validate("wss://example.com/media-stream", Map.of(), "XFfwGS2Ev7f9qAP9MmRoMS7C724="))
                .isTrue();
        assertThat(validator.validate("wss://example.com/media-stream/", Map.of(), "7J0iz81itFhCXVuZK8EmM4YZwLA="))
                .isTrue();
    }

    @Test
    void acceptsTheHandshakeSignedOverTheWssUrlWithOrWithoutTrailingSlash() {
        TwilioSignatures handshake = new TwilioSignatures(TOKEN, new PublicUrls(URI.create("https://example.com")));
        assertThat(handshake.validHandshake("a/usGMoIkMziXZVndi2gWBoHpJ4=")).isTrue();
        assertThat(handshake.validHandshake("4EYZkTo1xZMD3QFPc7g8DimU+74=")).isTrue();
        assertThat(handshake.validHandshake("XFfwGS2Ev7f9qAP9MmRoMS7C724=")).isFalse();
        assertThat(handshake.validHandshake(null)).isFalse();
    }

    @Test
    void checksNothingWhenNoAuthTokenIsConfigured() {
        TwilioSignatures open = new TwilioSignatures(Optional.empty(), new PublicUrls(URI.create("https://x.test")));
        assertThat(open.enabled()).isFalse();
        assertThat(open.validHandshake(null)).isTrue();
        assertThat(open.validWebhook("/twiml", null, Map.of(), null)).isTrue();
    }
}
