package dev.switchboard.e2e.bench;

import java.util.Map;

/**
 * When a level's calls arrive. Two shapes: {@code spread} places the level's calls evenly within a fixed time (the
 * independent load generator's shape: a whole level within 2 s, however many calls it has), {@code rate} places
 * them at a fixed number per second (the original benchmark's shape, 200 a second by default).
 */
record Arrivals(String shape, double spreadSeconds, int perSecond) {

    static final int BURST_PER_SECOND = 200;
    static final double DEFAULT_SPREAD_SECONDS = 2;

    /** The original warm-up shape: 200 calls a second. */
    static Arrivals rate(int perSecond) {
        return new Arrivals("rate", 0, perSecond);
    }

    static Arrivals spread(double seconds) {
        return new Arrivals("spread", seconds, 0);
    }

    /**
     * BENCH_SPREAD_SECONDS picks the spread shape, BENCH_RAMP_PER_SECOND the rate shape; neither set, the level's
     * calls are spread within 2 s. Setting only the rate keeps old command lines meaning what they meant.
     */
    static Arrivals fromEnv(Map<String, String> env) {
        if (env.containsKey("BENCH_SPREAD_SECONDS")) {
            return spread(Double.parseDouble(env.get("BENCH_SPREAD_SECONDS")));
        }
        if (env.containsKey("BENCH_RAMP_PER_SECOND")) {
            return rate(Integer.parseInt(env.get("BENCH_RAMP_PER_SECOND")));
        }
        return spread(DEFAULT_SPREAD_SECONDS);
    }

    /** Nanoseconds after the level starts at which call {@code i} (from 0) of {@code calls} is placed. */
    long offsetNanos(int i, int calls) {
        return shape.equals("spread")
                ? (long) (i * spreadSeconds * 1e9 / calls)
                : i * 1_000_000_000L / perSecond;
    }

    /** Seconds until the last of {@code calls} is placed, rounded up. */
    int placingSeconds(int calls) {
        return (int) Math.ceil(offsetNanos(calls, calls) / 1e9);
    }

    String describe() {
        return shape.equals("spread")
                ? "a level's calls spread evenly within %.1f s".formatted(spreadSeconds)
                : "calls placed at %d per second".formatted(perSecond);
    }
}
