package dev.switchboard.control.security;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.errors.ApiError;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Runs before any REST resource: bearer keys on /api/* (SWITCHBOARD_API_KEY) and /internal/*
 * (SWITCHBOARD_INTERNAL_TOKEN), and per-IP rate limits on placing or ending calls (POST/DELETE /api/calls)
 * and on Twilio's webhooks (/twilio/*); reading the history is not limited.
 */
public class RequestGuards {

    private final ControlConfig config;
    private final RateLimiter limiter;

    RequestGuards(ControlConfig config, RateLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
    }

    @ServerRequestFilter(preMatching = true)
    Optional<RestResponse<ApiError>> guard(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/") || path.equals("/api")) {
            Optional<RestResponse<ApiError>> refused = bearer(request, config.security().apiKey(), "api key");
            if (refused.isPresent()) {
                return refused;
            }
        } else if (path.startsWith("/internal/")) {
            Optional<RestResponse<ApiError>> refused = bearer(request, config.security().internalToken(),
                    "internal token");
            if (refused.isPresent()) {
                return refused;
            }
        }
        String ip = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        boolean mutation = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (path.startsWith("/api/calls") && mutation) {
            limiter.acquire("calls:" + ip, config.limits().callsPerMinute());
        } else if (path.startsWith("/twilio/")) {
            limiter.acquire("twilio:" + ip, config.limits().webhooksPerMinute());
        }
        return Optional.empty();
    }

    private static Optional<RestResponse<ApiError>> bearer(ContainerRequestContext request,
                                                           Optional<String> expected, String what) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        if (presented != null && sameSecret(presented, expected.get())) {
            return Optional.empty();
        }
        Log.debugf("refused %s %s: missing or wrong %s", request.getMethod(), request.getUriInfo().getPath(), what);
        return Optional.of(RestResponse.ResponseBuilder.<ApiError>create(401)
                .entity(ApiError.of(401, "auth.required", "A valid bearer " + what + " is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** Constant-time: both sides are hashed to equal length, then compared without early exit. */
    static boolean sameSecret(String presented, String expected) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(presented.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
