package dev.switchboard.control.security;

import com.twilio.security.RequestValidator;
import dev.switchboard.control.ControlConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's RequestValidator against the URL Twilio was given
 * (PUBLIC_URL + path + query), never one rebuilt from Host or proxy headers. Off without TWILIO_AUTH_TOKEN.
 */
@ApplicationScoped
public class TwilioSignature {

    private final ControlConfig config;

    TwilioSignature(ControlConfig config) {
        this.config = config;
    }

    /** False when no auth token is configured: local mode has no Twilio to sign anything. */
    public boolean enabled() {
        return config.twilio().authToken().isPresent();
    }

    /** The public URL Twilio signed for {@code path} with the raw query (may be null). */
    public String publicUrl(String path, String rawQuery) {
        String base = config.publicUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** Form-encoded request: the URL plus the sorted POST parameters are signed. */
    public boolean validForm(String url, Map<String, String> params, String signature) {
        return signature != null && validator().validate(url, params, signature);
    }

    /** JSON request: the URL carries bodySHA256, which must match the body. */
    public boolean validJson(String url, String body, String signature) {
        try {
            return signature != null && validator().validate(url, body, signature);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private RequestValidator validator() {
        return new RequestValidator(config.twilio().authToken().orElseThrow());
    }
}
