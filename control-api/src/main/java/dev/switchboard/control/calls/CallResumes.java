package dev.switchboard.control.calls;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallConversation;
import dev.switchboard.control.config.ProfileException;
import dev.switchboard.control.config.ProfileService;
import dev.switchboard.control.history.CallConversations;
import dev.switchboard.control.history.CallStatus;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a gateway needs to resume a call whose media stream ended elsewhere (docs/faults.md): the conversation so
 * far, the profile version the call runs on, and whether the call must end instead. Blocking (JDBC).
 */
@ApplicationScoped
public class CallResumes {

    private final CallConversations conversations;
    private final ProfileService profiles;

    CallResumes(CallConversations conversations, ProfileService profiles) {
        this.conversations = conversations;
        this.profiles = profiles;
    }

    public CallConversation conversation(String sid) {
        CallConversations.CallState state = conversations.state(sid).orElseThrow(() -> new CallNotFoundException(sid));
        return new CallConversation(sid, conversations.items(sid), state.profile(), state.profileVersion(),
                config(state), ending(state));
    }

    /** A transfer wins over the end its gateway reported ("transferred"): the call goes on, dialed elsewhere. */
    static CallConversation.Ending ending(CallConversations.CallState state) {
        if (state.transferTarget() != null) {
            return new CallConversation.Ending("transferred", state.transferTarget());
        }
        if (state.endReason() != null) {
            return new CallConversation.Ending(state.endReason(), null);
        }
        if (CallStatus.terminal(state.status())) {
            return new CallConversation.Ending("ended", null);
        }
        return null;
    }

    private AgentConfig config(CallConversations.CallState state) {
        if (state.profile() == null || state.profileVersion() == null) {
            return null;
        }
        try {
            return profiles.version(state.profile(), state.profileVersion());
        } catch (ProfileException e) {
            return null;   // deleted since: the resuming gateway runs the profile it holds
        }
    }
}
