package dev.switchboard.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One load level on one running gateway: place the calls, let them settle for 2 s, measure a window of the given
 * seconds, let 1 s of frames drain, hang up. Round trips count every frame sent up to the end of the window.
 */
final class LevelRun {

    static final int FRAMES_PER_SECOND = 50;
    private static final int SOAK_SECONDS = 120;

    private final LoadGenerator load;
    private final ProcStats self = new ProcStats(ProcessHandle.current().pid());
    /** control-api when BENCH_WITH_CONTROL runs it, else null. */
    private final ProcStats control;

    LevelRun(LoadGenerator load, ProcStats control) {
        this.load = load;
        this.control = control;
    }

    LevelResult run(GatewayProcess gatewayProcess, int calls, int windowSeconds, Arrivals arrivals)
            throws InterruptedException, IOException {
        ProcStats gateway = new ProcStats(gatewayProcess.pid());
        int maxFrames = (windowSeconds + 40 + arrivals.placingSeconds(calls)) * FRAMES_PER_SECOND;
        List<BenchCall> placed = load.place(gatewayProcess.target().port(), calls, arrivals, maxFrames);
        Thread.sleep(2_000);
        // Counted after the pause: a call whose socket has just opened may not have sent its first frame yet.
        List<BenchCall> connected = LoadGenerator.connected(placed);
        ProcStats.CpuTime cpuBefore = gateway.cpu();
        ProcStats.CpuTime selfBefore = self.cpu();
        double softirqBefore = ProcStats.machineSoftirqSeconds();
        ProcStats.CpuTime controlCpuBefore = control == null ? null : control.cpu();
        long controlRssMaxKb = 0;
        long before = System.nanoTime();
        long rssMaxKb = 0;
        for (int s = 1; s <= windowSeconds; s++) {
            Thread.sleep(1_000);
            long rssKb = gateway.rssKb();
            rssMaxKb = Math.max(rssMaxKb, rssKb);
            if (control != null) {
                controlRssMaxKb = Math.max(controlRssMaxKb, control.rssKb());
            }
            if (windowSeconds >= SOAK_SECONDS && s % 60 == 0) {
                // A soak: memory over time shows whether anything accumulates per frame or per call.
                ProcStats.CpuTime soFar = gateway.cpu().minus(cpuBefore);
                System.out.printf("  soak %3d s: RSS %d MB, gateway CPU %.1f %% of one core so far, load avg %s%n",
                        s, rssKb / 1024, soFar.total() * 100 / ((System.nanoTime() - before) / 1e9), loadAverage());
            }
        }
        ProcStats.CpuTime used = gateway.cpu().minus(cpuBefore);
        double elapsedSeconds = (System.nanoTime() - before) / 1e9;
        LevelResult.Machine machine = new LevelResult.Machine(
                self.cpu().minus(selfBefore).total() * 100 / elapsedSeconds,
                (ProcStats.machineSoftirqSeconds() - softirqBefore) * 100 / elapsedSeconds);
        if (control != null) {
            System.out.printf("  control-api: CPU %.1f %% of one core, RSS %d MB%n",
                    control.cpu().minus(controlCpuBefore).total() * 100 / elapsedSeconds, controlRssMaxKb / 1024);
        }
        long[] lastSent = connected.stream().mapToLong(c -> c.client().framesSent()).toArray();
        Thread.sleep(1_000);
        LoadGenerator.hangUp(placed);
        if (System.getenv("BENCH_FIRST_FRAMES") != null) {
            System.out.println(LevelResult.firstFrames(connected, lastSent));
        }
        return LevelResult.of(gatewayProcess.target().name(), calls, connected, lastSent, used, elapsedSeconds,
                rssMaxKb, machine);
    }

    /** The machine's 1-minute load average: other processes on a shared machine skew every figure. */
    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
