package dev.switchboard.e2e.bench;

import java.util.List;

/** Prints cold runs: per form the windows and the overall figures, then the forms' CPU and RSS curves side by side. */
final class ColdReport {

    private ColdReport() {
    }

    static String render(List<ColdResult> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| form | calls | connected | process start → ready ms | frames | lost | p50 ms | p99 ms | max ms"
                + " | load generator CPU % |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (ColdResult run : runs) {
            ColdResult.Window all = run.overall();
            out.append("| %s | %d | %d | %.0f | %d | %d | %.1f | %.1f | %.1f | %.1f |%n".formatted(run.gateway(),
                    run.calls(), run.connected(), run.readyMs(), all.frames(), all.lost(), all.p50Ms(), all.p99Ms(),
                    all.maxMs(), run.loadGeneratorCpuPercent()));
        }
        out.append('\n').append(ColdResult.WINDOW_HEADER).append('\n');
        for (ColdResult run : runs) {
            run.windows().forEach(window -> out.append(window.row(run.gateway())).append('\n'));
        }
        out.append("\nCPU (% of one core over the second) and RSS (MB) by second since the process started:\n\n| s |");
        runs.forEach(run -> out.append(" %s CPU %% | %s RSS MB |".formatted(run.gateway(), run.gateway())));
        out.append("\n|---|").append("---|---|".repeat(runs.size())).append('\n');
        int seconds = runs.stream().mapToInt(run -> run.curve().size()).max().orElse(0);
        for (int s = 0; s < seconds; s++) {
            out.append("| ").append(s + 1).append(" |");
            for (ColdResult run : runs) {
                if (s < run.curve().size()) {
                    ColdResult.Sample sample = run.curve().get(s);
                    out.append(" %.0f | %d |".formatted(sample.cpuPercent(), sample.rssKb() / 1024));
                } else {
                    out.append(" – | – |");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
