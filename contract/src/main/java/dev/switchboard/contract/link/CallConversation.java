package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What control-api holds of a call for resuming it on another gateway, served at
 * {@code GET /internal/calls/{callSid}/conversation} (docs/api.md): the conversation's items in order, the agent
 * profile and version the call runs on ({@code config} is that version itself, null when control-api no longer has
 * it), and whether the call must end rather than resume ({@code ending}, null when it goes on).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallConversation(String callSid, List<ConversationItem> items, String profile, Long profileVersion,
                               AgentConfig config, Ending ending) {

    public CallConversation {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * Why the call must not resume: {@code reason} is {@code ended}, {@code agent-hung-up}, {@code transferred} or
     * {@code hung-up-by-api}; {@code transferTarget} is where a transferred call was dialed (E.164 or SIP URI).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ending(String reason, String transferTarget) { }

    /** Whether the agent was cut while saying its last item. */
    public boolean agentCut() {
        return !items.isEmpty() && items.get(items.size() - 1).cutShort();
    }
}
