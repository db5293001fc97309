package dev.switchboard.control.calls;

import dev.switchboard.control.gateway.GatewayCommands;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs {@link CallCommand}s here, and says whether this replica holds a call (so commands for it belong here). */
@ApplicationScoped
public class CallCommands {

    private final CallService calls;
    private final CallTransfers transfers;
    private final CallDialers dialers;
    private final GatewayCommands gateways;

    CallCommands(CallService calls, CallTransfers transfers, CallDialers dialers, GatewayCommands gateways) {
        this.calls = calls;
        this.transfers = transfers;
        this.dialers = dialers;
        this.gateways = gateways;
    }

    /** True when a gateway linked here carries the call, or this replica's local dialer placed it. */
    public boolean holds(String callSid) {
        return gateways.holds(callSid) || dialers.holdsLocally(callSid);
    }

    /** Runs the command on this replica; throws what the REST endpoint maps. Blocking: call it from a worker. */
    public void run(CallCommand command) {
        switch (command.op()) {
            case HANGUP -> calls.hangUp(command.callSid());
            case TRANSFER -> transfers.transfer(command.callSid(), command.target(), command.reason(), "api");
            case DTMF -> calls.sendDigits(command.callSid(), command.digits());
            // Not held by a gateway yet: its call.started passes the stored result on (gateway.AmdResults).
            case AMD_RESULT -> gateways.amdResult(command.callSid(), command.answeredBy());
        }
    }
}
