package dev.switchboard.control.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key token buckets: {@code perMinute} tokens refill evenly over a minute, bursts up to {@code perMinute}. */
@ApplicationScoped
public class RateLimiter {

    // Past this many tracked clients, full (idle) buckets are forgotten so memory stays bounded.
    private static final int MAX_KEYS = 50_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one token for {@code key}; throws {@link RateLimitedException} when none is left. */
    public void acquire(String key, int perMinute) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(bucket -> bucket.full(now, perMinute));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        long waitSeconds = bucket.take(now, perMinute);
        if (waitSeconds > 0) {
            throw new RateLimitedException(waitSeconds);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        /** 0 when a token was taken, else the whole seconds until one is available. */
        synchronized long take(long now, int perMinute) {
            refill(now, perMinute);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * 60.0 / perMinute));
        }

        synchronized boolean full(long now, int perMinute) {
            refill(now, perMinute);
            return tokens >= perMinute;
        }

        private void refill(long now, int perMinute) {
            tokens = Math.min(perMinute, tokens + (now - last) / 60e9 * perMinute);
            last = now;
        }
    }
}
