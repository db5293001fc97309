package dev.switchboard.gateway.resume;

import dev.switchboard.contract.link.ConversationItem;
import dev.switchboard.gateway.realtime.AgentLeg;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Gives a resumed call's new Realtime session its conversation back with {@code conversation.item.create}: caller
 * messages as user text, the agent's as assistant text (audio items cannot be created), function calls and their
 * outputs. A call whose tool was running when its instance was lost gets an output saying so.
 */
public final class RestoredConversation {

    static final String LOST_TOOL_OUTPUT = "{\"error\":\"The line dropped before this tool answered; call it again "
            + "if you still need its result.\"}";

    private RestoredConversation() {
    }

    /**
     * Sends the items in order; every message also goes to {@code turns} (caller or not, text) so a later reconnect
     * can replay it. Returns whether the agent owes the caller an answer once the items are in.
     */
    public static boolean restore(Resumption resumption, AgentLeg leg, BiConsumer<Boolean, String> turns) {
        Set<String> unanswered = new LinkedHashSet<>();
        for (ConversationItem item : resumption.items()) {
            switch (item.itemType()) {
                case ConversationItem.MESSAGE -> message(item, leg, turns);
                case ConversationItem.FUNCTION_CALL -> {
                    leg.restoreFunctionCall(item.name(), item.callId(), item.arguments());
                    unanswered.add(item.callId());
                }
                case ConversationItem.FUNCTION_CALL_OUTPUT -> {
                    if (unanswered.remove(item.callId())) {
                        leg.sendToolOutput(item.callId(), item.output() == null ? "" : item.output());
                    }
                }
                default -> { }
            }
        }
        unanswered.forEach(callId -> leg.sendToolOutput(callId, LOST_TOOL_OUTPUT));
        return resumption.answerOwed() || !unanswered.isEmpty();
    }

    private static void message(ConversationItem item, AgentLeg leg, BiConsumer<Boolean, String> turns) {
        if (item.text() == null || item.text().isBlank()) {
            return;
        }
        boolean caller = "user".equals(item.role());
        leg.restoreTurn(caller, item.text());
        turns.accept(caller, item.text());
    }

    /** The instructions of the first response after a cut: the resumption line, then what the agent was saying. */
    public static String cutInstructions(String line) {
        return "The phone line dropped for a moment while you were speaking. First say exactly this: \"" + line
                + "\" Then briefly go on with what you were saying.";
    }
}
