package dev.switchboard.gateway.resume;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallConversation;
import dev.switchboard.contract.link.ConversationItem;

import java.util.List;

/**
 * A call resuming on this instance after its stream ended elsewhere: what control-api holds of it ({@code held},
 * null when control-api could not be reached) and when Twilio asked.
 */
public record Resumption(String callSid, CallConversation held, long requestedAtNanos) {

    /** The {@code <Parameter>} that marks a resumed call's stream, whichever instance it opens on. */
    public static final String PARAMETER = "resume";
    public static final String PARAMETER_VALUE = "1";

    /** Where the conversation came from, as the call's events say: {@code control-api} or {@code none}. */
    public String source() {
        return held == null ? "none" : "control-api";
    }

    /** The items to give the new session, oldest first: an assistant message cut before any text is left out. */
    public List<ConversationItem> items() {
        return held == null ? List.of() : held.items().stream()
                .filter(item -> !(item.cutShort() && (item.text() == null || item.text().isBlank())))
                .toList();
    }

    /** The profile version the call ran on, or null when it is unknown here (the call then keeps the one it gets). */
    public AgentConfig config() {
        return held == null ? null : held.config();
    }

    /** Whether the agent was cut mid-sentence: it then says the resumption line and goes on. */
    public boolean agentCut() {
        return held != null && held.agentCut();
    }

    /**
     * The first index the resumed call numbers its items from: after everything held, or, when nothing is held,
     * far after anything the lost instance may have sent, so nothing stored is overwritten.
     */
    public long nextIndex() {
        if (held == null) {
            return System.currentTimeMillis() * 1000;
        }
        return held.items().stream().mapToLong(ConversationItem::index).max().orElse(-1) + 1;
    }

    /** Whether the agent owes the caller an answer: the caller spoke last, or a tool's output came last. */
    public boolean answerOwed() {
        List<ConversationItem> items = items();
        if (items.isEmpty()) {
            return false;
        }
        ConversationItem last = items.get(items.size() - 1);
        return ConversationItem.FUNCTION_CALL_OUTPUT.equals(last.itemType())
                || ConversationItem.MESSAGE.equals(last.itemType()) && "user".equals(last.role());
    }
}
