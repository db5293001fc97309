package dev.switchboard.control.localdial;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignerTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("Digits", "1234", "CallSid", "CA1234567890ABCDE",
            "To", "+18005551212", "Caller", "+14158675309", "From", "+14158675309");

    private final TwilioSigner signer = new TwilioSigner("12345");

    @Test
    void matchesTwiliosOfficialTestVectors() {
        assertThat(signer.sign(URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(signer.sign(URL, Map.of())).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
        assertThat(signer.sign("https://mycompany.com/myapp.php", PARAMS)).isEqualTo("1xaxFBvyzXYvWplzNOSs28HWO94=");
        Map<String, String> cased = new LinkedHashMap<>();
        cased.put("callSid", "lowercase");
        cased.put("CallSid", "uppercase");
        cased.put("CALLSID", "allcaps");
        assertThat(signer.sign(URL, cased)).isEqualTo("jDK7WKT8wiNrwggd4ceTv4e1MJ4=");
        assertThat(signer.sign("wss://example.com/media-stream", Map.of())).isEqualTo("XFfwGS2Ev7f9qAP9MmRoMS7C724=");
    }

    @Test
    void signaturesPassTheTwilioSdksValidatorOnPlainHttpUrls() {
        String url = "http://127.0.0.1:8081/twiml";
        Map<String, String> params = Map.of("CallSid", Sids.next("CA"), "Direction", "outbound-api");
        String signature = new TwilioSigner("secret-token").sign(url, params);
        assertThat(new RequestValidator("secret-token").validate(url, params, signature)).isTrue();
        assertThat(new RequestValidator("other-token").validate(url, params, signature)).isFalse();
    }
}
