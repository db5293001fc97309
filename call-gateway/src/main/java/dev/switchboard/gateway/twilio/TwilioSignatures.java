package dev.switchboard.gateway.twilio;

import dev.switchboard.contract.twilio.TwilioSignature;
import dev.switchboard.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** Checks X-Twilio-Signature (the contract's {@link TwilioSignature}) when an auth token is configured. */
@ApplicationScoped
public class TwilioSignatures {

    public static final String HEADER = TwilioSignature.HEADER;

    private final Optional<TwilioSignature> twilio;
    private final PublicUrls urls;

    @Inject
    TwilioSignatures(GatewayConfig config, PublicUrls urls) {
        this(config.twilio().authToken(), urls);
    }

    public TwilioSignatures(Optional<String> authToken, PublicUrls urls) {
        this.twilio = authToken.filter(token -> !token.isBlank()).map(TwilioSignature::new);
        this.urls = urls;
    }

    /** Whether requests must be signed at all. */
    public boolean enabled() {
        return twilio.isPresent();
    }

    /** A webhook request: the public URL with its query, over every form parameter Twilio sent. */
    public boolean validWebhook(String path, String rawQuery, Map<String, String> formParams, String signature) {
        if (twilio.isEmpty()) {
            return true;
        }
        return twilio.get().valid(urls.http(path, rawQuery), formParams, signature);
    }

    /** The media-stream handshake: Twilio signs the wss URL with no parameters, sometimes with a trailing slash. */
    public boolean validHandshake(String signature) {
        if (twilio.isEmpty()) {
            return true;
        }
        String url = urls.mediaStream();
        return twilio.get().valid(url, Map.of(), signature) || twilio.get().valid(url + "/", Map.of(), signature);
    }
}
