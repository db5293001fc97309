package dev.switchboard.gateway.resume;

import dev.switchboard.contract.link.ConversationItem;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.events.CallEvents;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers one call's conversation items in the order they entered the Realtime conversation and sends each over the
 * link as it completes ({@code conversation.item}), so control-api can hand the conversation to another instance.
 * A caller turn takes its place when the caller stops speaking, though its transcript comes later; an assistant
 * message takes its place when the agent starts it, and is sent then as in progress. Runs on the call's loop.
 */
public final class ConversationFeed {

    /** Caller turns awaiting their transcript; a turn that never gets one (noise) must not hold places forever. */
    private static final int MAX_OPEN_TURNS = 4;

    private final CallEvents events;
    private final String callSid;
    private final ArrayDeque<Long> openTurns = new ArrayDeque<>();
    private final Map<String, Long> agentItems = new HashMap<>();
    private long next;

    public ConversationFeed(CallEvents events, String callSid) {
        this.events = events;
        this.callSid = callSid;
    }

    /** A resumed call numbers on from {@code index}, after the items it was given back. */
    public void continueFrom(long index) {
        next = Math.max(next, index);
    }

    public void callerStopped() {
        if (openTurns.size() == MAX_OPEN_TURNS) {
            openTurns.removeFirst();
        }
        openTurns.addLast(next++);
    }

    public void caller(String text) {
        Long place = openTurns.pollFirst();
        send(ConversationItem.message(place == null ? next++ : place, "user", ConversationItem.COMPLETED, text));
    }

    public void agent(String text, boolean isFinal, String itemId) {
        String key = itemId == null ? "" : itemId;
        Long place = agentItems.get(key);
        if (place == null) {
            place = next++;
            agentItems.put(key, place);
            if (!isFinal) {
                send(ConversationItem.message(place, "assistant", ConversationItem.IN_PROGRESS, null));
            }
        }
        if (isFinal) {
            agentItems.remove(key);
            send(ConversationItem.message(place, "assistant", ConversationItem.COMPLETED, text));
        }
    }

    public void functionCall(String name, String callId, String arguments) {
        send(ConversationItem.functionCall(next++, name, callId, arguments));
    }

    public void functionOutput(String callId, String output) {
        send(ConversationItem.functionCallOutput(next++, callId, output));
    }

    private void send(ConversationItem item) {
        events.publish(LinkType.CONVERSATION_ITEM, callSid, item.toLink());
    }
}
