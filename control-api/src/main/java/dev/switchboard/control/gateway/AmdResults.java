package dev.switchboard.control.gateway;

import dev.switchboard.control.history.CallStore;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Twilio's AMD result can come before any gateway holds the call (its stream not yet started, or its call.started
 * seen by another replica): {@code /twilio/amd} then stores it and sends nothing. Once a gateway's call.started is
 * stored here, a stored result the gateway has not acted on yet is passed on. Both may send it (the callback just
 * after the call.started): the gateway acts on the first and ignores the second.
 */
@ApplicationScoped
class AmdResults {

    private final CallStore calls;
    private final GatewayCommands commands;

    AmdResults(CallStore calls, GatewayCommands commands) {
        this.calls = calls;
        this.commands = commands;
    }

    /** After a gateway's call.started is stored (blocking: JDBC). */
    void callStarted(String callSid) {
        calls.pendingAmdAnswer(callSid).ifPresent(answeredBy -> {
            if (commands.amdResult(callSid, answeredBy)) {
                CallMdc.run(callSid, () -> Log.infof("AMD result %s passed on at call start", answeredBy));
            }
        });
    }
}
