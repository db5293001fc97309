package dev.switchboard.e2e.bench;

import java.util.List;

/**
 * A cold start under load: a fresh gateway process offered its calls as soon as it is ready, without warm-up.
 * Windows count from the first call offered; the curve counts from the process's start.
 */
record ColdResult(String gateway, int calls, int connected, double readyMs, Window overall, List<Window> windows,
                  List<Sample> curve, double loadGeneratorCpuPercent) {

    /** Round trips of the frames sent in {@code [fromSecond, toSecond)} after the first call was offered. */
    record Window(int fromSecond, int toSecond, long frames, long lost, double p50Ms, double p99Ms, double maxMs) {

        String row(String gateway) {
            return "| %s | %d–%d s | %d | %d | %.1f | %.1f | %.1f |".formatted(gateway, fromSecond, toSecond, frames,
                    lost, p50Ms, p99Ms, maxMs);
        }
    }

    /** The gateway's CPU over the second ending {@code second} s after its start (% of one core), and its RSS then. */
    record Sample(int second, double cpuPercent, long rssKb) { }

    static final String WINDOW_HEADER = """
            | form | window (from first call) | frames | lost | p50 ms | p99 ms | max ms |
            |---|---|---|---|---|---|---|""";
}
