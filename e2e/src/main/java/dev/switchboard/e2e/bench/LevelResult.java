package dev.switchboard.e2e.bench;

import java.util.List;
import java.util.stream.LongStream;

/** The figures of one load level. Round trips are over every frame sent up to the end of the window. */
record LevelResult(String gateway, int calls, int connected, long frames, long lost, double p50Ms, double p99Ms,
                   double p99FirstSecondMs, double p99SteadyMs, double maxMs, double cpuPercent, double kernelPercent,
                   double cpuMicrosPerFrame, long rssKb, Machine machine) {

    /**
     * The rest of the machine over the window: the benchmark JVM (load generator and echo server) and the softirq
     * time of all CPUs, which Linux accounts to no process (loopback delivery runs there).
     */
    record Machine(double loadGeneratorCpuPercent, double softirqPercent) { }

    static final String HEADER = """
            | gateway | calls | connected | frames | lost | p50 ms | p99 ms | p99 first 1 s ms | p99 after 1 s ms \
            | max ms | gateway CPU % of one core | of it kernel % | CPU µs per frame | RSS MB | RSS growth KB/call \
            | load generator CPU % | softirq % |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|""";

    private static final int FIRST_SECOND_FRAMES = 50;
    private static final int FRAMES_PER_SECOND = 50;

    /**
     * Median and 90th percentile round trip (ms) of the first 60 frames by position in the call: how long the
     * frames sent while a call's OpenAI socket opens wait, and how fast the backlog clears.
     */
    static String firstFrames(List<BenchCall> connected, long[] lastSent) {
        long[][] byCall = new long[connected.size()][];
        for (int i = 0; i < byCall.length; i++) {
            byCall[i] = connected.get(i).roundTrips(lastSent[i]);
        }
        StringBuilder line = new StringBuilder("first frames, ms (median/p90) by frame number:");
        for (int f = 0; f < 60; f++) {
            int frame = f;
            long[] trips = java.util.Arrays.stream(byCall).mapToLong(all -> frame < all.length ? all[frame] : -1)
                    .sorted().toArray();
            if (trips.length > 0) {
                line.append(' ').append(f + 1).append('=').append(trips[trips.length / 2] / 1000).append('/')
                        .append(trips[trips.length * 9 / 10] / 1000);
            }
        }
        return line.toString();
    }

    /**
     * {@code cpu} is the gateway's CPU time over the window; "per frame" divides it by the caller frames the window
     * carried (connected calls × 50 a second), each of which makes the whole round trip.
     */
    static LevelResult of(String gateway, int calls, List<BenchCall> connected, long[] lastSent,
                          ProcStats.CpuTime cpu, double windowSeconds, long rssKb, Machine machine) {
        long lost = 0;
        long frames = 0;
        LongStream.Builder allTrips = LongStream.builder();
        LongStream.Builder firstTrips = LongStream.builder();
        LongStream.Builder steadyTrips = LongStream.builder();
        for (int i = 0; i < connected.size(); i++) {
            long[] trips = connected.get(i).roundTrips(lastSent[i]);
            frames += trips.length;
            for (int f = 0; f < trips.length; f++) {
                if (trips[f] < 0) {
                    lost++;
                } else {
                    allTrips.add(trips[f]);
                    (f < FIRST_SECOND_FRAMES ? firstTrips : steadyTrips).add(trips[f]);
                }
            }
        }
        long[] all = allTrips.build().sorted().toArray();
        long[] first = firstTrips.build().sorted().toArray();
        long[] steady = steadyTrips.build().sorted().toArray();
        double windowFrames = connected.size() * FRAMES_PER_SECOND * windowSeconds;
        return new LevelResult(gateway, calls, connected.size(), frames, lost, percentile(all, 0.50),
                percentile(all, 0.99), percentile(first, 0.99), percentile(steady, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1000.0,
                cpu.total() * 100 / windowSeconds, cpu.system() * 100 / windowSeconds,
                windowFrames == 0 ? 0 : cpu.total() * 1e6 / windowFrames, rssKb, machine);
    }

    String row(long idleRssKb) {
        return ("| %s | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %d | %d | %.1f"
                + " | %.1f |").formatted(gateway, calls, connected, frames, lost, p50Ms, p99Ms, p99FirstSecondMs,
                p99SteadyMs, maxMs, cpuPercent, kernelPercent, cpuMicrosPerFrame, rssKb / 1024,
                connected == 0 ? 0 : (rssKb - idleRssKb) / connected, machine.loadGeneratorCpuPercent(),
                machine.softirqPercent());
    }

    /** The value at quantile {@code p} of sorted round trips in µs, in ms; 0 when there are none. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
