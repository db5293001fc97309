package dev.switchboard.gateway.tools;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs webhook requests: {@code X-Switchboard-Signature: sha256=<hex>} is HMAC-SHA256, keyed by the webhook
 * secret, over {@code <X-Switchboard-Timestamp>.<raw body>}. The timestamp is inside the signed text so a receiver
 * that rejects old timestamps also rejects replays.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Switchboard-Signature";
    public static final String TIMESTAMP_HEADER = "X-Switchboard-Timestamp";

    private WebhookSignature() {
    }

    /** The header value for this body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
