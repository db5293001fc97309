package dev.switchboard.control.twilio;

import dev.switchboard.control.calls.CallCommand;
import dev.switchboard.control.calls.CallCommandRouting;
import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.CallStore;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores Twilio's {@code AnsweredBy} on the call as given and passes it at once to the gateway holding the call,
 * on whichever replica that is ({@link CallCommandRouting}, as a hang-up is routed). A result for a call this
 * system never placed is ignored: detection is only asked for by POST /api/calls, which stores the call first.
 */
@ApplicationScoped
class AmdCallbacks {

    /** Longest AnsweredBy stored (the column's width); Twilio's values are far shorter. */
    static final int MAX_ANSWERED_BY = 64;

    private final CallStore calls;
    private final CallCommandRouting routing;

    AmdCallbacks(CallStore calls, CallCommandRouting routing) {
        this.calls = calls;
        this.routing = routing;
    }

    void accept(String callSid, String answeredBy, String durationMs) {
        if (answeredBy.length() > MAX_ANSWERED_BY) {
            throw new InvalidInputException("AnsweredBy", "is longer than " + MAX_ANSWERED_BY + " characters");
        }
        try (CallMdc.Scope ignored = CallMdc.enter(callSid)) {
            if (!calls.answeredBy(callSid, answeredBy)) {
                Log.info("AMD result for an unknown call ignored");
                return;
            }
            Log.infof("AMD result %s after %s ms", answeredBy, durationMs);
            try {
                routing.run(CallCommand.amdResult(callSid, answeredBy));
            } catch (RuntimeException e) {
                // Stored already: the gateway's call.started, or its bound, still moves the call on.
                Log.warnf("AMD result not passed on: %s", e.getMessage());
            }
        }
    }
}
