package dev.switchboard.gateway.twilio;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.localagent.LocalAgent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Per-call stream tokens: {@code <expiry epoch seconds>.<base64url HMAC-SHA256(callSid.expiry)>}.
 * /twiml hands one out in a {@code <Parameter>}; the media stream's {@code start} must carry it for the same CallSid,
 * so only calls this gateway answered can open an OpenAI session. Every instance must share the secret
 * (SWITCHBOARD_STREAM_SECRET): Twilio may open the stream on another instance than the one that answered /twiml.
 */
@ApplicationScoped
public class StreamTokens {

    /** Name of the {@code <Parameter>} carrying the token. */
    public static final String PARAMETER = "streamToken";

    /** What a stream token says about its call. */
    public enum Verdict {
        /** Signed here, for this call, not expired. */
        VALID,
        /**
         * Well formed and not expired, but signed with another key for a call this instance never answered: another
         * gateway instance answered /twiml with a secret of its own.
         */
        FOREIGN,
        /** Missing, malformed, expired, or forged for a call answered here. */
        INVALID
    }

    /** Base64url without padding of a 32-byte HMAC-SHA256. */
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Calls answered here that are remembered (until their token expires) to tell foreign tokens from forged ones. */
    private static final int MAX_ANSWERED = 20_000;

    private final ConcurrentHashMap<String, Long> answered = new ConcurrentHashMap<>();
    /** Signatures issued here (until they expire): one of ours shown for another call is not foreign. */
    private final ConcurrentHashMap<String, Long> issued = new ConcurrentHashMap<>();
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

    /** A token for the call, which this instance now counts as answered here. */
    public String issue(String callSid) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String signature = sign(callSid, expiry);
        remember(answered, callSid, expiry);
        remember(issued, signature, expiry);
        return expiry + "." + signature;
    }

    /** Whether this instance answered the call (issued it a token that has not expired yet). */
    public boolean answeredHere(String callSid) {
        Long until = answered.get(callSid);
        return until != null && until >= clock.instant().getEpochSecond();
    }

    public boolean verify(String callSid, String token) {
        return check(callSid, token) == Verdict.VALID;
    }

    public Verdict check(String callSid, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (callSid == null || dot <= 0 || !SIGNATURE.matcher(token.substring(dot + 1)).matches()) {
            return Verdict.INVALID;
        }
        long expiry;
        try {
            expiry = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        long now = clock.instant().getEpochSecond();
        if (expiry < now) {
            return Verdict.INVALID;
        }
        byte[] expected = sign(callSid, expiry).getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.VALID;
        }
        Long answeredHere = answered.get(callSid);
        Long issuedHere = issued.get(token.substring(dot + 1));
        return answeredHere != null && answeredHere >= now || issuedHere != null ? Verdict.INVALID : Verdict.FOREIGN;
    }

    /**
     * The start-up warning for a gateway that will refuse other instances' streams: no shared secret, and calls go
     * to OpenAI (so this is not a single local-mode process). Empty when there is nothing to warn about.
     */
    public static Optional<String> missingSecretWarning(Optional<String> secret, boolean localMode) {
        if (secret.filter(s -> !s.isBlank()).isPresent() || localMode) {
            return Optional.empty();
        }
        return Optional.of("SWITCHBOARD_STREAM_SECRET is not set: this instance signs stream tokens with a random "
                + "key of its own, so if Twilio opens a call's stream on another instance that one refuses it. "
                + "Set the same SWITCHBOARD_STREAM_SECRET (e.g. openssl rand -base64 32) on every instance.");
    }

    void warnAtStartup(@Observes StartupEvent ignored, GatewayConfig config, LocalAgent agent) {
        missingSecretWarning(config.twilio().streamSecret(), agent.local())
                .ifPresent(warning -> Log.warn(warning));
    }

    private void remember(ConcurrentHashMap<String, Long> seen, String key, long expiry) {
        if (seen.size() >= MAX_ANSWERED) {
            long now = clock.instant().getEpochSecond();
            seen.values().removeIf(until -> until < now);
        }
        if (seen.size() < MAX_ANSWERED) {
            seen.put(key, expiry);
        }
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
        Log.debug("no stream secret configured: using a random one (tokens only valid on this instance)");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
