package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.CallContext;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Used when nothing better is configured: no call has its own context. */
@DefaultBean
@ApplicationScoped
class NoCallContextLookup implements CallContextLookup {

    @Override
    public Uni<Optional<CallContext>> lookup(String callSid) {
        return Uni.createFrom().item(Optional.empty());
    }
}
