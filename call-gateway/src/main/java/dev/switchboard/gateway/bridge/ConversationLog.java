package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.AgentLeg;

import java.util.ArrayDeque;

/**
 * What was said so far, from the final transcripts, so a reopened Realtime session can be given the conversation
 * back. Bounded by characters: the oldest turns go first, as the model's context window would drop them too.
 */
final class ConversationLog {

    private record Turn(boolean caller, String text) { }

    private final ArrayDeque<Turn> turns = new ArrayDeque<>();
    private final int maxChars;
    private int chars;

    ConversationLog(int maxChars) {
        this.maxChars = maxChars;
    }

    void caller(String text) {
        add(new Turn(true, text));
    }

    void agent(String text) {
        add(new Turn(false, text));
    }

    /** Gives the conversation back to a reopened session, oldest turn first. */
    void replayTo(AgentLeg agent) {
        turns.forEach(turn -> agent.restoreTurn(turn.caller(), turn.text()));
    }

    private void add(Turn turn) {
        if (turn.text() == null || turn.text().isBlank()) {
            return;
        }
        turns.addLast(turn);
        chars += turn.text().length();
        while (chars > maxChars && !turns.isEmpty()) {
            chars -= turns.removeFirst().text().length();
        }
    }
}
