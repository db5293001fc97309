package dev.switchboard.control.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this replica has seen of each gateway process's numbered events (keyed by the {@code bootId} of its hello):
 * the highest sequence stored, which it acknowledges, and the highest handed to live logs, so an event the gateway
 * sends again after a link drop is neither shown twice nor stored twice. In memory only: after a restart control-api
 * knows nothing, acknowledges 0 and stores redelivered events again, which the idempotent history absorbs.
 */
@ApplicationScoped
class LinkLedger {

    /** Gateway processes remembered; the least recently heard is forgotten first. */
    private static final int BOOTS = 1024;

    private final Map<String, long[]> boots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > BOOTS;
        }
    };

    synchronized long stored(String boot) {
        return marks(boot)[0];
    }

    synchronized void stored(String boot, long seq) {
        long[] marks = marks(boot);
        marks[0] = Math.max(marks[0], seq);
    }

    /** True the first time {@code seq} is offered for live logs. */
    synchronized boolean firstShowing(String boot, long seq) {
        long[] marks = marks(boot);
        if (seq <= marks[1]) {
            return false;
        }
        marks[1] = seq;
        return true;
    }

    private long[] marks(String boot) {
        return boots.computeIfAbsent(boot, ignored -> new long[2]);
    }
}
