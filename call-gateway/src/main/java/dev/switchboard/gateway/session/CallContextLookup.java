package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.CallContext;
import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** Finds a call's own context at call start; the gateway waits only briefly and goes on without it. */
public interface CallContextLookup {

    Uni<Optional<CallContext>> lookup(String callSid);

    /**
     * Starts the lookup early, when Twilio fetches {@code /twiml} for the call, so that its answer is usually in hand
     * when the media stream starts about a second later; {@link #lookup} then uses it. Nothing by default.
     */
    default void prefetch(String callSid) {
    }
}
