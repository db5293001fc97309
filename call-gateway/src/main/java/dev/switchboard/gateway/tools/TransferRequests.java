package dev.switchboard.gateway.tools;

/** How a call asks control-api for a transfer; the internal link implements it. */
public interface TransferRequests {

    /** Whether a request would reach control-api now. */
    boolean available();

    /** Sends {@code call.transfer.requested}; false, sending nothing, when control-api cannot be reached. */
    boolean request(String callSid, String target, String reason);
}
