package dev.switchboard.e2e.bench;

import java.util.List;
import java.util.stream.LongStream;

/** The figures of one load level. Round trips are over every frame sent up to the end of the window. */
record LevelResult(int calls, int connected, long frames, long lost, double p50Ms, double p99Ms,
                   double p99FirstSecondMs, double maxMs, double cpuPercent, double kernelPercent,
                   double cpuMicrosPerFrame, long rssKb) {

    static final String HEADER = """
            | calls | connected | frames | lost | p50 ms | p99 ms | p99 first 1 s ms | max ms \
            | gateway CPU % of one core | of it kernel % | CPU µs per frame | RSS MB | RSS growth KB/call |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|""";

    private static final int FIRST_SECOND_FRAMES = 50;
    private static final int FRAMES_PER_SECOND = 50;

    /**
     * {@code cpu} is the gateway's CPU time over the window; "per frame" divides it by the caller frames the window
     * carried (connected calls × 50 a second), each of which makes the whole round trip.
     */
    static LevelResult of(int calls, List<BenchCall> connected, long[] lastSent, ProcStats.CpuTime cpu,
                          double windowSeconds, long rssKb) {
        long lost = 0;
        long frames = 0;
        LongStream.Builder allTrips = LongStream.builder();
        LongStream.Builder firstTrips = LongStream.builder();
        for (int i = 0; i < connected.size(); i++) {
            long[] trips = connected.get(i).roundTrips(lastSent[i]);
            frames += trips.length;
            for (int f = 0; f < trips.length; f++) {
                if (trips[f] < 0) {
                    lost++;
                } else {
                    allTrips.add(trips[f]);
                    if (f < FIRST_SECOND_FRAMES) {
                        firstTrips.add(trips[f]);
                    }
                }
            }
        }
        long[] all = allTrips.build().sorted().toArray();
        long[] first = firstTrips.build().sorted().toArray();
        double windowFrames = connected.size() * FRAMES_PER_SECOND * windowSeconds;
        return new LevelResult(calls, connected.size(), frames, lost, percentile(all, 0.50), percentile(all, 0.99),
                percentile(first, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1000.0,
                cpu.total() * 100 / windowSeconds, cpu.system() * 100 / windowSeconds,
                windowFrames == 0 ? 0 : cpu.total() * 1e6 / windowFrames, rssKb);
    }

    String row(long idleRssKb) {
        return "| %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %d | %d |".formatted(calls,
                connected, frames, lost, p50Ms, p99Ms, p99FirstSecondMs, maxMs, cpuPercent, kernelPercent,
                cpuMicrosPerFrame, rssKb / 1024,
                connected == 0 ? 0 : (rssKb - idleRssKb) / connected);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
