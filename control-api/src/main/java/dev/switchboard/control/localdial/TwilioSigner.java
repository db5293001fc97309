package dev.switchboard.control.localdial;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs requests the way Twilio does ({@code X-Twilio-Signature}): HMAC-SHA1, keyed by the auth token, over the full
 * URL followed by every form parameter's name and value in case-sensitive name order, Base64-encoded. The Twilio
 * SDK's {@code RequestValidator} checks exactly this; its signing method is private, hence this class.
 */
public final class TwilioSigner {

    private final SecretKeySpec key;

    public TwilioSigner(String authToken) {
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
