package dev.switchboard.control.twilio;

import dev.switchboard.contract.twilio.TwilioSignature;
import dev.switchboard.control.ControlConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} against the URL Twilio was given (PUBLIC_URL + path + query), never one rebuilt
 * from Host or proxy headers (Twilio's "Webhooks security" page). Off without TWILIO_AUTH_TOKEN.
 */
@ApplicationScoped
public class SignatureCheck {

    private final ControlConfig config;
    private final Optional<TwilioSignature> twilio;

    SignatureCheck(ControlConfig config) {
        this.config = config;
        this.twilio = config.twilio().authToken().map(TwilioSignature::new);
    }

    /** False when no auth token is configured: local mode has no Twilio to sign anything. */
    public boolean enabled() {
        return twilio.isPresent();
    }

    /** The public URL Twilio signed for {@code path} with the raw query (may be null). */
    public String publicUrl(String path, String rawQuery) {
        String base = config.publicUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** Form-encoded request: the URL plus the sorted POST parameters are signed. */
    public boolean validForm(String url, Map<String, String> params, String signature) {
        return twilio.orElseThrow().valid(url, params, signature);
    }

    /** JSON request: the URL carries bodySHA256, which must match the body. */
    public boolean validJson(String url, String body, String signature) {
        return twilio.orElseThrow().validJson(url, body, signature);
    }
}
