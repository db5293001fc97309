package dev.switchboard.e2e.bench;

import dev.switchboard.control.localdial.Sids;
import dev.switchboard.control.localdial.TwimlStream;
import dev.switchboard.e2e.ServiceProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gateway benchmark: starts the built gateway as its own process against an echoing fake Realtime server, then, per
 * load level, runs that many concurrent simulated Twilio calls and reports frame round trips, lost frames, and the
 * gateway's CPU and RSS. Usage: {@code GatewayBench <repo root> <levels, e.g. 50,100,200,400> <seconds per level>}.
 */
public final class GatewayBench {

    private static final int GATEWAY_PORT = 28_081;
    private static final int CONTROL_PORT = 28_080;
    private static final int FRAMES_PER_SECOND = 50;
    private static final int WARM_UP_CALLS = 100;
    private static final int WARM_UP_SECONDS = 5;
    private static final int WARM_UP_ROUNDS = 4;
    private static final int SOAK_SECONDS = 120;
    /** Calls placed per second while a level ramps up (and always in the warm-up): 10 every 50 ms. */
    private static final int BURST_CALLS_PER_SECOND = 200;

    private final Vertx vertx = Vertx.vertx();
    // Twilio fetches webhooks over HTTP/1.1; the JDK client would otherwise try an h2c upgrade on every request.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int seconds;
    private ProcStats gateway;
    private ProcStats control;
    private String controlLine = "";
    /** The rest of the machine in the last window: this JVM (load generator and echo server) and softirq time. */
    private String machineLine = "";
    private final ProcStats self = new ProcStats(ProcessHandle.current().pid());

    private GatewayBench(int seconds) {
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int[] levels = Arrays.stream((args.length > 1 ? args[1] : "50,100,200,400").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        new GatewayBench(seconds).run(root, levels);
        System.exit(0);
    }

    private void run(Path root, int[] levels) throws Exception {
        EchoRealtimeServer echo = new EchoRealtimeServer(vertx);
        int maxCalls = Arrays.stream(levels).max().orElse(0) + 50;
        Map<String, String> env = new HashMap<>(Map.of(
                "PUBLIC_URL", "http://127.0.0.1:" + GATEWAY_PORT,
                "OPENAI_API_KEY", "bench-no-real-key",
                "SWITCHBOARD_AGENT_MODE", "openai",
                "OPENAI_REALTIME_URL", "ws://127.0.0.1:" + echo.port() + "/v1/realtime",
                "SWITCHBOARD_MAX_CALLS", Integer.toString(maxCalls)));
        Path work = root.resolve("e2e/target/bench");
        // BENCH_WITH_CONTROL=1: control-api runs too (its embedded H2 store, fresh per run) and the gateway links to
        // it, so every call's events are sent, stored and acknowledged as in production; its CPU and RSS are shown.
        boolean withControl = System.getenv("BENCH_WITH_CONTROL") != null;
        try (ServiceProcess controlProcess = withControl ? startControl(root, work, env) : null;
             ServiceProcess process = ServiceProcess.start(root, "call-gateway", GATEWAY_PORT, env, work,
                     javaOptions("BENCH_GATEWAY_JAVA_OPTS"))) {
            process.awaitReady(Duration.ofSeconds(60));
            gateway = new ProcStats(process.pid());
            if (controlProcess != null) {
                control = new ProcStats(controlProcess.pid());
                System.out.printf("control-api pid %d, log %s%n", controlProcess.pid(), controlProcess.log());
            }
            System.out.printf("%s; %d cores; gateway pid %d, log %s; %d s per level%n", java.time.Instant.now(),
                    Runtime.getRuntime().availableProcessors(), process.pid(), process.log(), seconds);
            // Warm-up: the JIT compiles the per-frame path and the call set-up path (in both processes) before
            // anything is measured, as in a gateway that has been running for a while.
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                runLevel(WARM_UP_CALLS, WARM_UP_SECONDS, BURST_CALLS_PER_SECOND);
            }
            Thread.sleep(3_000);
            long idleRssKb = gateway.rssKb();
            System.out.printf("idle RSS after warm-up: %d MB%s%n%n", idleRssKb / 1024,
                    control == null ? "" : ", control-api " + control.rssKb() / 1024 + " MB");
            // BENCH_RAMP_PER_SECOND: how fast a level's calls arrive; the default places them all within a second.
            int ramp = Integer.parseInt(System.getenv().getOrDefault("BENCH_RAMP_PER_SECOND",
                    Integer.toString(BURST_CALLS_PER_SECOND)));
            System.out.printf("calls placed at %d per second as a level ramps up%n", ramp);
            System.out.println(LevelResult.HEADER);
            for (int level : levels) {
                String load = loadAverage();
                LevelResult result = runLevel(level, seconds, ramp);
                System.out.println(result.row(idleRssKb) + " load avg before: " + load + machineLine + controlLine);
                Thread.sleep(3_000);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private ServiceProcess startControl(Path root, Path work, Map<String, String> gatewayEnv) throws Exception {
        String url = "http://127.0.0.1:" + CONTROL_PORT;
        String token = "bench-internal-token";
        Path controlWork = work.resolve("control-api");
        deleteTree(controlWork);
        ServiceProcess control = ServiceProcess.start(root, "control-api", CONTROL_PORT, Map.of("PUBLIC_URL", url,
                "GATEWAY_PUBLIC_URL", "http://127.0.0.1:" + GATEWAY_PORT, "SWITCHBOARD_INTERNAL_TOKEN", token),
                controlWork, javaOptions("BENCH_CONTROL_JAVA_OPTS"));
        control.awaitReady(Duration.ofSeconds(60));
        gatewayEnv.put("CONTROL_API_URL", url);
        gatewayEnv.put("SWITCHBOARD_INTERNAL_TOKEN", token);
        return control;
    }

    /** Extra JVM options from an environment variable (a heap size, a profiler agent). */
    private static List<String> javaOptions(String variable) {
        return Arrays.stream(System.getenv().getOrDefault(variable, "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (var paths = java.nio.file.Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }

    private LevelResult runLevel(int calls, int windowSeconds, int callsPerSecond) throws Exception {
        int maxFrames = (windowSeconds + 40 + calls / callsPerSecond) * FRAMES_PER_SECOND;
        List<BenchCall> live = new ArrayList<>();
        List<Future<Void>> connects = new ArrayList<>();
        long rampStart = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            // Placed in groups at most every 50 ms, each group when its time has come.
            long due = rampStart + i * 1_000_000_000L / callsPerSecond;
            long wait = due - System.nanoTime();
            if (wait >= 50_000_000L) {
                Thread.sleep(wait / 1_000_000);
            }
            BenchCall call = new BenchCall(maxFrames);
            live.add(call);
            connects.add(start(call));
        }
        awaitAll(connects, 60 + calls / callsPerSecond);
        connects.stream().filter(Future::failed).map(f -> String.valueOf(f.cause()))
                .collect(java.util.stream.Collectors.groupingBy(cause -> cause, java.util.stream.Collectors.counting()))
                .forEach((cause, count) -> System.out.printf("(%d call(s) did not connect: %s)%n", count, cause));
        Thread.sleep(2_000);
        // Counted after the pause: a call whose socket has just opened may not have sent its first frame yet.
        List<BenchCall> connected = live.stream().filter(c -> c.client() != null && connectedOk(c)).toList();
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
        // Loopback delivery runs as softirq, which Linux accounts to no process: shown so the two cores add up.
        machineLine = ("%n  load generator + echo server (benchmark JVM): CPU %.1f %% of one core;"
                + " softirq (all CPUs): %.1f %%").formatted(self.cpu().minus(selfBefore).total() * 100 / elapsedSeconds,
                        (ProcStats.machineSoftirqSeconds() - softirqBefore) * 100 / elapsedSeconds);
        controlLine = control == null ? "" : "%n  control-api: CPU %.1f %% of one core, RSS %d MB".formatted(
                control.cpu().minus(controlCpuBefore).total() * 100 / elapsedSeconds, controlRssMaxKb / 1024);
        long[] lastSent = connected.stream().mapToLong(c -> c.client().framesSent()).toArray();
        Thread.sleep(1_000);
        List<Future<Integer>> closes = connected.stream().map(c -> c.client().stop()).toList();
        awaitAll(closes, 30);
        if (System.getenv("BENCH_FIRST_FRAMES") != null) {
            System.out.println(LevelResult.firstFrames(connected, lastSent));
        }
        return LevelResult.of(calls, connected, lastSent, used, elapsedSeconds, rssMaxKb);
    }

    /** Waits for every future to settle, but no longer than {@code seconds}: an overloaded level still reports. */
    private static void awaitAll(List<? extends Future<?>> futures, int seconds) throws InterruptedException {
        try {
            Future.join(new ArrayList<>(futures)).toCompletionStage().toCompletableFuture().handle((ok, e) -> null)
                    .get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.printf("(not all calls settled within %d s)%n", seconds);
        }
    }

    /** The machine's 1-minute load average: other processes on a shared machine skew every figure. */
    private static String loadAverage() throws java.io.IOException {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static boolean connectedOk(BenchCall call) {
        return call.client().framesSent() > 0;
    }

    private Future<Void> start(BenchCall call) {
        String callSid = Sids.next("CA");
        String form = "CallSid=" + callSid + "&AccountSid=AC" + "0".repeat(32)
                + "&From=%2B15005550006&To=%2B15551230000&Direction=outbound-api&CallStatus=in-progress";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GATEWAY_PORT + "/twiml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return Future.fromCompletionStage(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("/twiml answered " + response.statusCode());
                    }
                    return TwimlStream.parse(response.body())
                            .map(twiml -> call.connect(vertx, twiml, callSid))
                            .orElseGet(() -> Future.failedFuture("TwiML without a stream"));
                });
    }
}
