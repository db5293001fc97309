package dev.switchboard.gateway.twilio;

import com.twilio.security.RequestValidator;
import dev.switchboard.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** Checks X-Twilio-Signature with the Twilio SDK's validator when an auth token is configured. */
@ApplicationScoped
public class TwilioSignatures {

    public static final String HEADER = "X-Twilio-Signature";

    private final Optional<RequestValidator> validator;
    private final PublicUrls urls;

    @Inject
    TwilioSignatures(GatewayConfig config, PublicUrls urls) {
        this(config.twilio().authToken(), urls);
    }

    public TwilioSignatures(Optional<String> authToken, PublicUrls urls) {
        this.validator = authToken.filter(token -> !token.isBlank()).map(RequestValidator::new);
        this.urls = urls;
    }

    /** Whether requests must be signed at all. */
    public boolean enabled() {
        return validator.isPresent();
    }

    /** A webhook request: the public URL with its query, over every form parameter Twilio sent. */
    public boolean validWebhook(String path, String rawQuery, Map<String, String> formParams, String signature) {
        if (validator.isEmpty()) {
            return true;
        }
        return signature != null && validator.get().validate(urls.http(path, rawQuery), formParams, signature);
    }

    /** The media-stream handshake: Twilio signs the wss URL with no parameters, sometimes with a trailing slash. */
    public boolean validHandshake(String signature) {
        if (validator.isEmpty()) {
            return true;
        }
        if (signature == null) {
            return false;
        }
        String url = urls.mediaStream();
        return validator.get().validate(url, Map.of(), signature)
                || validator.get().validate(url + "/", Map.of(), signature);
    }
}
