package dev.switchboard.control.webhooks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deliveries this replica is sending now, counted per subscription, under two caps: one for all of them and one
 * per subscription, so a subscriber that answers slowly (or not at all, till the timeout) holds only its own share
 * and every other subscriber's events keep going out on time.
 */
final class InFlight {

    private final int max;
    private final int perSubscription;
    private final Map<String, Integer> bySubscription = new HashMap<>();
    private int total;

    InFlight(int max, int perSubscription) {
        this.max = max;
        this.perSubscription = perSubscription;
    }

    /** How many more deliveries may start now. */
    synchronized int free() {
        return max - total;
    }

    /** The subscriptions at their cap: nothing more is claimed for them until one of theirs is answered. */
    synchronized Set<String> full() {
        return bySubscription.entrySet().stream().filter(e -> e.getValue() >= perSubscription)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /** Takes a place for one delivery to {@code subscriptionId}; false when either cap is reached. */
    synchronized boolean take(String subscriptionId) {
        int held = bySubscription.getOrDefault(subscriptionId, 0);
        if (total >= max || held >= perSubscription) {
            return false;
        }
        bySubscription.put(subscriptionId, held + 1);
        total++;
        return true;
    }

    /** Gives back the place of a delivery that was answered, failed or never started. */
    synchronized void release(String subscriptionId) {
        int held = bySubscription.getOrDefault(subscriptionId, 0);
        if (held <= 1) {
            bySubscription.remove(subscriptionId);
        } else {
            bySubscription.put(subscriptionId, held - 1);
        }
        total = Math.max(0, total - 1);
    }
}
