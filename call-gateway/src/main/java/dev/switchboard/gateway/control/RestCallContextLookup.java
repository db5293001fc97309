package dev.switchboard.gateway.control;

import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.session.CallContextLookup;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a call's own context (per-call instructions and variables) from control-api at call start.
 * A slow, failing or absent control-api must not hold up the call: after the timeout, or on any error
 * (404 included), the call goes on with the global config.
 */
@ApplicationScoped
// CallContext comes from the plain contract module, which cannot carry Quarkus' annotation itself.
@RegisterForReflection(targets = CallContext.class)
public class RestCallContextLookup implements CallContextLookup {

    /** Twilio opens the stream within a second or two of fetching the TwiML; an entry older than this is stale. */
    private static final Duration PREFETCH_TTL = Duration.ofSeconds(30);

    private record Prefetched(CompletableFuture<Optional<CallContext>> context, long expiresAt) { }

    private final ConcurrentHashMap<String, Prefetched> prefetched = new ConcurrentHashMap<>();
    private final int maxPrefetched;
    private final ControlApiClient client;
    private final String authorization;
    private final Duration timeout;

    RestCallContextLookup(GatewayConfig config) {
        this.timeout = config.control().contextTimeout();
        this.maxPrefetched = 2 * config.limits().maxCalls();
        this.authorization = config.control().internalToken().filter(t -> !t.isBlank()).map(t -> "Bearer " + t)
                .orElse(null);
        this.client = config.control().url().map(url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(ControlApiClient.class)).orElse(null);
    }

    @Override
    public Uni<Optional<CallContext>> lookup(String callSid) {
        if (client == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Prefetched early = prefetched.remove(callSid);
        if (early != null && early.expiresAt() - System.nanoTime() > 0) {
            return Uni.createFrom().completionStage(early.context());
        }
        return fetch(callSid);
    }

    /**
     * Fetched when {@code /twiml} is answered: the context lookup is then off the path of the call's first audio,
     * which otherwise waits for it (the session is configured with the call's own instructions). A stream that
     * opens on another instance, or never, leaves an entry that expires; their number is bounded.
     */
    @Override
    public void prefetch(String callSid) {
        if (client == null) {
            return;
        }
        long now = System.nanoTime();
        if (prefetched.size() >= maxPrefetched) {
            // Only when full: an expired entry is harmless until then (lookup checks the age).
            prefetched.values().removeIf(entry -> entry.expiresAt() - now <= 0);
        }
        if (prefetched.size() < maxPrefetched) {
            prefetched.computeIfAbsent(callSid, sid -> new Prefetched(
                    fetch(sid).subscribeAsCompletionStage(), now + PREFETCH_TTL.toNanos()));
        }
    }

    private Uni<Optional<CallContext>> fetch(String callSid) {
        return client.context(callSid, authorization)
                .map(Optional::ofNullable)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> fallback(callSid, failure));
    }

    private static Optional<CallContext> fallback(String callSid, Throwable failure) {
        try (CallMdc.Scope ignored = CallMdc.enter(callSid)) {
            if (failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404) {
                Log.debug("no call context in control-api, using the global config");
            } else {
                Log.warnf("call context unavailable (%s), using the global config",
                        failure.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }
}
