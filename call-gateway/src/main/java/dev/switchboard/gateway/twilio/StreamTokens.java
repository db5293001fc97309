package dev.switchboard.gateway.twilio;

import dev.switchboard.gateway.GatewayConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Per-call stream tokens: {@code <expiry epoch seconds>.<base64url HMAC-SHA256(callSid.expiry)>}.
 * /twiml hands one out in a {@code <Parameter>}; the media stream's {@code start} must carry it for the same CallSid,
 * so only calls this gateway answered can open an OpenAI session.
 */
@ApplicationScoped
public class StreamTokens {

    /** Name of the {@code <Parameter>} carrying the token. */
    public static final String PARAMETER = "streamToken";

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    StreamTokens(GatewayConfig config) {
        this(config.twilio().streamSecret().filter(s -> !s.isBlank())
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(StreamTokens::randomSecret),
                config.twilio().streamTokenTtl(), Clock.systemUTC());
    }

    public StreamTokens(byte[] secret, Duration ttl, Clock clock) {
        this.secret = secret.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(String callSid) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        return expiry + "." + sign(callSid, expiry);
    }

    public boolean verify(String callSid, String token) {
        if (callSid == null || token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        byte[] expected = sign(callSid, expiry).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String callSid, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((callSid + "." + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] randomSecret() {
        Log.info("[call=-] no stream secret configured: using a random one (tokens only valid on this instance)");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
