package dev.switchboard.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The cold instance: start a fresh gateway process, offer it the calls the moment it answers ready (no warm-up, so
 * the JIT, class loading and the first Realtime handshakes all happen under load), and measure the first seconds:
 * round trips per window and overall, lost frames, and the process's CPU and RSS every second from its start.
 */
final class ColdRun {

    private final LoadGenerator load;
    private final Map<String, String> env;
    private final Path work;
    private final Arrivals arrivals;
    private final int seconds;
    private final int windowSeconds;
    private final ProcStats self = new ProcStats(ProcessHandle.current().pid());

    ColdRun(LoadGenerator load, Map<String, String> env, Path work, Arrivals arrivals, int seconds,
            int windowSeconds) {
        this.load = load;
        this.env = env;
        this.work = work;
        this.arrivals = arrivals;
        this.seconds = seconds;
        this.windowSeconds = windowSeconds;
    }

    ColdResult run(GatewayTarget target, int calls) throws IOException, InterruptedException {
        List<ColdResult.Sample> curve = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (GatewayProcess process = GatewayProcess.start(target, env, work)) {
            sampleEverySecond(sampler, process, curve);
            long ready = process.awaitReady(Duration.ofSeconds(120));
            long offered = System.nanoTime();
            ProcStats.CpuTime selfBefore = self.cpu();
            int maxFrames = (seconds + 40 + arrivals.placingSeconds(calls)) * LevelRun.FRAMES_PER_SECOND;
            List<BenchCall> placed = load.place(target.port(), calls, arrivals, maxFrames);
            long end = offered + seconds * 1_000_000_000L;
            long wait = end - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            List<BenchCall> connected = LoadGenerator.connected(placed);
            long[] lastSent = connected.stream().mapToLong(c -> c.client().framesSent()).toArray();
            double generatorCpu = self.cpu().minus(selfBefore).total() * 100 / ((System.nanoTime() - offered) / 1e9);
            Thread.sleep(1_000);
            sampler.shutdownNow();
            LoadGenerator.hangUp(placed);
            List<ColdResult.Sample> samples;
            synchronized (curve) {
                samples = List.copyOf(curve);
            }
            return result(target.name(), calls, connected, lastSent, offered, (ready - process.startNanos()) / 1e6,
                    samples, generatorCpu);
        } finally {
            sampler.shutdownNow();
        }
    }

    private static void sampleEverySecond(ScheduledExecutorService sampler, GatewayProcess process,
                                          List<ColdResult.Sample> curve) {
        ProcStats stats = new ProcStats(process.pid());
        double[] lastCpu = {0};
        int[] second = {0};
        // Fixed rate from the process start, so sample n covers the n-th second of the process's life.
        long firstDelay = process.startNanos() + 1_000_000_000L - System.nanoTime();
        sampler.scheduleAtFixedRate(() -> {
            try {
                double cpu = stats.cpu().total();
                synchronized (curve) {
                    curve.add(new ColdResult.Sample(++second[0], (cpu - lastCpu[0]) * 100, stats.rssKb()));
                }
                lastCpu[0] = cpu;
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the process is gone: sampling stops
            }
        }, Math.max(0, firstDelay), 1_000_000_000L, TimeUnit.NANOSECONDS);
    }

    private ColdResult result(String gateway, int calls, List<BenchCall> connected, long[] lastSent, long offered,
                              double readyMs, List<ColdResult.Sample> curve, double generatorCpu) {
        int windows = (seconds + windowSeconds - 1) / windowSeconds;
        List<LongStream.Builder> byWindow = new ArrayList<>();
        long[] frames = new long[windows];
        long[] lost = new long[windows];
        for (int w = 0; w < windows; w++) {
            byWindow.add(LongStream.builder());
        }
        for (int i = 0; i < connected.size(); i++) {
            long[] sent = connected.get(i).sendTimes(lastSent[i]);
            long[] trips = connected.get(i).roundTrips(lastSent[i]);
            for (int f = 0; f < trips.length; f++) {
                // A frame sent in the last instant of the measurement still belongs to the last window.
                int w = (int) Math.min(windows - 1, (sent[f] - offered) / (windowSeconds * 1_000_000_000L));
                frames[w]++;
                if (trips[f] < 0) {
                    lost[w]++;
                } else {
                    byWindow.get(w).add(trips[f]);
                }
            }
        }
        List<ColdResult.Window> result = new ArrayList<>();
        List<long[]> sorted = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            long[] trips = byWindow.get(w).build().sorted().toArray();
            sorted.add(trips);
            result.add(window(w * windowSeconds, Math.min(seconds, (w + 1) * windowSeconds), frames[w], lost[w],
                    trips));
        }
        long[] all = sorted.stream().flatMapToLong(LongStream::of).sorted().toArray();
        ColdResult.Window overall = window(0, seconds, LongStream.of(frames).sum(), LongStream.of(lost).sum(), all);
        return new ColdResult(gateway, calls, connected.size(), readyMs, overall, result, curve, generatorCpu);
    }

    private static ColdResult.Window window(int from, int to, long frames, long lost, long[] sortedTrips) {
        return new ColdResult.Window(from, to, frames, lost, LevelResult.percentile(sortedTrips, 0.50),
                LevelResult.percentile(sortedTrips, 0.99),
                sortedTrips.length == 0 ? 0 : sortedTrips[sortedTrips.length - 1] / 1000.0);
    }
}
