package dev.switchboard.gateway.tools;

/** What a tool may do to the call it runs in. */
public interface CallControl {

    String callSid();

    /** Ends the call once the agent's current speech has played to the caller. */
    void endAfterFarewell(String reason);
}
