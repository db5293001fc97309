package dev.switchboard.gateway.control;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.session.CallContext;
import dev.switchboard.gateway.session.CallContextLookup;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a call's own context (per-call instructions and variables) from control-api at call start.
 * A slow, failing or absent control-api must not hold up the call: after the timeout, or on any error
 * (404 included), the call goes on with the global config.
 */
@ApplicationScoped
public class RestCallContextLookup implements CallContextLookup {

    private final ControlApiClient client;
    private final String authorization;
    private final Duration timeout;

    RestCallContextLookup(GatewayConfig config) {
        this.timeout = config.control().contextTimeout();
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
        return client.context(callSid, authorization)
                .map(Optional::ofNullable)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> fallback(callSid, failure));
    }

    private static Optional<CallContext> fallback(String callSid, Throwable failure) {
        if (failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404) {
            Log.debugf("[call=%s] no call context in control-api, using the global config", callSid);
        } else {
            Log.warnf("[call=%s] call context unavailable (%s), using the global config", callSid,
                    failure.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
