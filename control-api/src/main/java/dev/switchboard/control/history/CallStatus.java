package dev.switchboard.control.history;

import java.util.Map;
import java.util.Set;

/**
 * The call state machine: queued → initiated → ringing → in-progress → completed | busy | no-answer | failed |
 * canceled. Callbacks may arrive out of order and twice; a status only replaces the current one if it is
 * further along (or, at the same stage, carries a higher SequenceNumber), and a terminal status is final.
 */
public final class CallStatus {

    static final Set<String> TERMINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    private static final Map<String, Integer> STAGE = Map.of(
            "queued", 0, "initiated", 1, "ringing", 2, "in-progress", 3,
            "completed", 4, "busy", 4, "no-answer", 4, "failed", 4, "canceled", 4);

    private CallStatus() {
    }

    public static boolean known(String status) {
        return STAGE.containsKey(status);
    }

    public static boolean terminal(String status) {
        return TERMINAL.contains(status);
    }

    /** Whether {@code next} (with sequence number {@code nextSeq}, -1 if none) replaces the current status. */
    static boolean advances(String current, int currentSeq, String next, int nextSeq) {
        if (terminal(current)) {
            return false;
        }
        int from = STAGE.get(current);
        int to = STAGE.get(next);
        return to > from || (to == from && nextSeq > currentSeq && !next.equals(current));
    }
}
