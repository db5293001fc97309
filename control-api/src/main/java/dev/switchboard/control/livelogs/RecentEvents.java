package dev.switchboard.control.livelogs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last few frames of each live call, replayed to late joiners; bounded per call and in number of calls. */
final class RecentEvents {

    private record Entry(long seq, String frame) { }

    private final int perCall;
    private final int calls;
    private final Map<String, Deque<Entry>> byCall = new LinkedHashMap<>();
    private long seq;

    RecentEvents(int perCall, int calls) {
        this.perCall = perCall;
        this.calls = calls;
    }

    /** Not thread-safe: the hub calls it under its lock. {@code ends}: the call is over, forget its frames. */
    void add(String callSid, boolean ends, String frame) {
        if (ends) {
            byCall.remove(callSid);
            return;
        }
        Deque<Entry> recent = byCall.computeIfAbsent(callSid, sid -> new ArrayDeque<>());
        recent.addLast(new Entry(seq++, frame));
        if (recent.size() > perCall) {
            recent.removeFirst();
        }
        if (byCall.size() > calls) {
            Iterator<String> oldest = byCall.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The latest {@code limit} frames of live calls (or of the one call asked for), in the order they arrived. */
    List<String> replay(String callSid, int limit) {
        List<Entry> entries = new ArrayList<>();
        byCall.forEach((sid, recent) -> {
            if (callSid == null || callSid.equals(sid)) {
                entries.addAll(recent);
            }
        });
        entries.sort(Comparator.comparingLong(Entry::seq));
        return entries.subList(Math.max(0, entries.size() - limit), entries.size()).stream().map(Entry::frame).toList();
    }
}
