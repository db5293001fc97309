package dev.switchboard.control.calls;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Chooses the dialer: Twilio when an account is configured, else the local dialer that plays Twilio's part. */
@ApplicationScoped
class CallDialers {

    private final CallDialer twilio;
    private final Instance<CallDialer> local;

    CallDialers(CallDialer twilio, @LocalDialer Instance<CallDialer> local) {
        this.twilio = twilio;
        this.local = local;
    }

    CallDialer current() {
        if (twilio.configured()) {
            return twilio;
        }
        if (local.isResolvable()) {
            return local.get();
        }
        Log.warn("no dialer: Twilio is not configured and the local dialer is not available");
        throw new DialerUnavailableException("No Twilio account is configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)"
                + " and the local dialer is not available");
    }

    /** True when this replica's local dialer carries the call: commands for it must run here. */
    boolean holdsLocally(String callSid) {
        return local() && local.isResolvable() && local.get().holds(callSid);
    }

    /** True in local mode (no Twilio account). */
    boolean local() {
        return !twilio.configured();
    }
}
