package dev.switchboard.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's system-call floor on the same traffic, in the same run: {@code scripts/relay-floor/run.sh} with the
 * level's calls and window. Run through the script, not reimplemented, so there is one definition of the floor.
 */
final class FloorRun {

    private static final Pattern CPU = Pattern.compile(
            "relay ([0-9.]+) % of one core, load ([0-9.]+) %, softirq ([0-9.]+) %");
    private static final Pattern FRAMES = Pattern.compile("frames sent (\\d+), came back (\\d+)");

    /** The relay's and its load's CPU over the window (% of one core), and the frames the load sent and got back. */
    record FloorResult(int calls, double relayCpuPercent, double loadCpuPercent, double softirqPercent, long sent,
                       long back) { }

    private final Path script;
    private final int tickMicros;

    FloorRun(Path root, int tickMicros) {
        this.script = root.resolve("scripts/relay-floor/run.sh");
        this.tickMicros = tickMicros;
    }

    int tickMicros() {
        return tickMicros;
    }

    FloorResult run(int calls, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", script.toString(), Integer.toString(calls),
                Integer.toString(seconds), Integer.toString(tickMicros)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher cpu = CPU.matcher(output);
        Matcher frames = FRAMES.matcher(output);
        if (process.waitFor() != 0 || !cpu.find() || !frames.find()) {
            throw new IllegalStateException("relay floor failed:\n" + output);
        }
        return new FloorResult(calls, Double.parseDouble(cpu.group(1)), Double.parseDouble(cpu.group(2)),
                Double.parseDouble(cpu.group(3)), Long.parseLong(frames.group(1)), Long.parseLong(frames.group(2)));
    }
}
