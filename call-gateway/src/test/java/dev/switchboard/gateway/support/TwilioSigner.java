package dev.switchboard.gateway.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Signs like Twilio does (docs/security.md, request signatures), written apart from the SDK the gateway uses. */
public final class TwilioSigner {

    public static final String TOKEN = "test-auth-token";
    public static final String PUBLIC_BASE = "https://gateway.test";
    public static final String STREAM_URL = "wss://gateway.test/call";

    private TwilioSigner() {
    }

    public static String sign(String url, Map<String, String> params) {
        return sign(TOKEN, url, params);
    }

    public static String sign(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
