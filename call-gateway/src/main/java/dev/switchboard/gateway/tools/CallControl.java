package dev.switchboard.gateway.tools;

import java.util.Map;

/** What a tool may do to the call it runs in. */
public interface CallControl {

    String callSid();

    /** The call's variables from its context (an outbound call's own values); empty when there are none. */
    Map<String, String> variables();

    /** Ends the call once the agent's current speech has played to the caller. */
    void endAfterFarewell(String reason);
}
