package dev.switchboard.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table of a side-by-side run: per level, each gateway form against the relay floor on the same traffic.
 * "÷ floor" is the gateway's CPU over the floor relay's at that level: how many times the least a bridge must spend.
 */
final class ComparisonTable {

    private record Level(int calls, List<LevelResult> gateways, FloorRun.FloorResult floor) { }

    private final List<Level> levels = new ArrayList<>();

    void add(int calls, List<LevelResult> gateways, FloorRun.FloorResult floor) {
        levels.add(new Level(calls, List.copyOf(gateways), floor));
    }

    String render() {
        StringBuilder out = new StringBuilder("""
                | calls | form | p50 ms | p99 ms | max ms | lost | CPU % of one core | CPU ÷ floor CPU | RSS MB \
                | load generator CPU % |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Level level : levels) {
            for (LevelResult g : level.gateways()) {
                String ratio = level.floor() == null || level.floor().relayCpuPercent() == 0 ? "–"
                        : "%.2f".formatted(g.cpuPercent() / level.floor().relayCpuPercent());
                out.append("| %d | %s | %.1f | %.1f | %.1f | %d | %.1f | %s | %d | %.1f |%n".formatted(level.calls(),
                        g.gateway(), g.p50Ms(), g.p99Ms(), g.maxMs(), g.lost(), g.cpuPercent(), ratio,
                        g.rssKb() / 1024, g.machine().loadGeneratorCpuPercent()));
            }
            FloorRun.FloorResult f = level.floor();
            if (f != null) {
                // The floor's load counts no round trips; frames still in flight when it stops are not "lost".
                out.append("| %d | floor (C relay) | – | – | – | – (%d of %d back) | %.1f | 1.00 | – | %.1f |%n"
                        .formatted(level.calls(), f.back(), f.sent(), f.relayCpuPercent(), f.loadCpuPercent()));
            }
        }
        return out.toString();
    }
}
