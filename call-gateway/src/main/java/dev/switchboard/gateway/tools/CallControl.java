package dev.switchboard.gateway.tools;


import dev.switchboard.contract.link.AgentConfig;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What a tool may do to the call it runs in. */
public interface CallControl {

    String callSid();

    /** The call's variables from its context (an outbound call's own values); empty when there are none. */
    Map<String, String> variables();

    /** The agent config this call runs with. */
    AgentConfig config();

    /** Ends the call once the agent's current speech has played to the caller. */
    void endAfterFarewell(String reason);

    /**
     * Once the agent's current speech has played, asks control-api to transfer the call to {@code target};
     * {@code outcome} then gets empty when the transfer is under way, else why it is not (for the model).
     */
    void transferAfterFarewell(String target, String reason, Consumer<Optional<String>> outcome);
}
