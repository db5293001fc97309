package dev.switchboard.gateway.session;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** Finds a call's own context at call start; the gateway waits only briefly and goes on without it. */
public interface CallContextLookup {

    Uni<Optional<CallContext>> lookup(String callSid);
}
