package dev.switchboard.e2e.bench;

import dev.switchboard.e2e.ServiceProcess;
import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gateway benchmark: runs the gateway as its own process (the jar, and a native executable when BENCH_NATIVE names
 * one) against an echoing fake Realtime server and drives simulated Twilio calls through it.
 * Usage: {@code GatewayBench <repo root> <levels, e.g. 50,100,200,400> <seconds> [--cold]}.
 * Warm (default): every form is warmed up, then per level each form in turn and the relay floor on the same
 * traffic; one table at the end. Cold ({@code --cold} or BENCH_COLD=1): per level value, a fresh process of each
 * form is offered that many calls as soon as it is ready and measured for {@code seconds}. Knobs: bench-gateway.sh.
 */
public final class GatewayBench {

    private static final int CONTROL_PORT = 28_080;
    private static final int JAR_PORT = 28_081;
    private static final int NATIVE_PORT = 28_083;
    private static final int THROWAWAY_PORT = 28_085;
    private static final int WARM_UP_CALLS = 100;
    private static final int WARM_UP_SECONDS = 5;

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> settings = System.getenv();
    private final Path root;
    private final Path work;

    private GatewayBench(Path root) {
        this.root = root;
        this.work = root.resolve("e2e/target/bench");
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        boolean cold = Arrays.asList(args).contains("--cold") || "1".equals(System.getenv("BENCH_COLD"));
        Path root = Path.of(positional.isEmpty() ? "." : positional.get(0)).toAbsolutePath().normalize();
        int[] levels = Arrays.stream((positional.size() > 1 ? positional.get(1) : cold ? "200" : "50,100,200,400")
                .split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : cold ? 60 : 15;
        GatewayBench bench = new GatewayBench(root);
        try {
            if (cold) {
                bench.cold(levels, seconds);
            } else {
                bench.warm(levels, seconds);
            }
        } finally {
            bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** The forms to run (BENCH_FORMS, default jar,native), native only when BENCH_NATIVE names an executable. */
    private List<GatewayTarget> targets() {
        List<String> forms = List.of(settings.getOrDefault("BENCH_FORMS", "jar,native").split(","));
        String nativePath = settings.getOrDefault("BENCH_NATIVE", "");
        List<GatewayTarget> targets = new ArrayList<>();
        if (forms.contains("jar")) {
            targets.add(GatewayTarget.jar(root, settings.get("BENCH_GATEWAY_JAVA_OPTS"), JAR_PORT));
        }
        if (forms.contains("native") && !nativePath.isBlank()) {
            targets.add(GatewayTarget.nativeExecutable(Path.of(nativePath), settings.get("BENCH_NATIVE_OPTS"),
                    NATIVE_PORT));
        } else if (forms.contains("native")) {
            System.out.println("(no native executable: set BENCH_NATIVE to measure one beside the jar)");
        }
        return targets;
    }

    /** The gateway's environment; its call limit leaves room for the largest level and for the warm-up. */
    private Map<String, String> gatewayEnv(EchoRealtimeServer echo, int largestLevel) {
        int maxCalls = Math.max(largestLevel, WARM_UP_CALLS) + 50;
        return new HashMap<>(Map.of(
                "OPENAI_API_KEY", "bench-no-real-key",
                "SWITCHBOARD_AGENT_MODE", "openai",
                "OPENAI_REALTIME_URL", "ws://127.0.0.1:" + echo.port() + "/v1/realtime",
                "SWITCHBOARD_MAX_CALLS", Integer.toString(maxCalls)));
    }

    private void printSetting(int seconds, Arrivals arrivals, EchoMode echo) throws Exception {
        System.out.printf("%s; %d cores; load avg %s; %d s; %s; echo %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), LevelRun.loadAverage(), seconds, arrivals.describe(),
                echo.describe());
    }

    private void warm(int[] levels, int seconds) throws Exception {
        EchoMode echoMode = EchoMode.parse(settings.get("BENCH_ECHO"));
        EchoRealtimeServer echo = new EchoRealtimeServer(vertx, echoMode);
        Arrivals arrivals = Arrivals.fromEnv(settings);
        Map<String, String> env = gatewayEnv(echo, Arrays.stream(levels).max().orElse(0));
        boolean withFloor = !"0".equals(settings.get("BENCH_FLOOR"));
        FloorRun floor = new FloorRun(root, Integer.parseInt(settings.getOrDefault("BENCH_FLOOR_TICK_US", "0")));
        int warmUpRounds = Integer.parseInt(settings.getOrDefault("BENCH_WARMUP_ROUNDS", "4"));
        List<GatewayProcess> gateways = new ArrayList<>();
        List<GatewayTarget> targets = targets();
        // BENCH_WITH_CONTROL=1: control-api runs too (its embedded H2 store, fresh per run) and every gateway links
        // to it, so every call's events are sent, stored and acknowledged as in production; its CPU and RSS are shown.
        try (ServiceProcess control = settings.containsKey("BENCH_WITH_CONTROL")
                ? startControl(env, targets.get(0).port()) : null) {
            LoadGenerator load = new LoadGenerator(vertx);
            LevelRun levelRun = new LevelRun(load, control == null ? null : new ProcStats(control.pid()));
            LevelRun warmUp = new LevelRun(load, null);
            printSetting(seconds, arrivals, echoMode);
            Map<String, Long> idleRssKb = new HashMap<>();
            // Every form stays up for the whole run, idle while another is measured, so each is warmed up once.
            for (GatewayTarget target : targets) {
                GatewayProcess gateway = GatewayProcess.start(target, env, work);
                gateways.add(gateway);
                gateway.awaitReady(Duration.ofSeconds(120));
                // Warm-up: the JIT compiles the per-frame and the call set-up paths (of the jar, and of the load
                // generator) before anything is measured, as in a gateway that has been serving for a while.
                for (int round = 0; round < warmUpRounds; round++) {
                    warmUp.run(gateway, WARM_UP_CALLS, WARM_UP_SECONDS, Arrivals.rate(Arrivals.BURST_PER_SECOND));
                }
                Thread.sleep(3_000);
                idleRssKb.put(target.name(), new ProcStats(gateway.pid()).rssKb());
                System.out.printf("%s gateway: pid %d, log %s; idle RSS after %d warm-up rounds: %d MB%n",
                        target.name(), gateway.pid(), gateway.log(), warmUpRounds, idleRssKb.get(target.name()) / 1024);
            }
            System.out.println();
            System.out.println(LevelResult.HEADER);
            ComparisonTable table = new ComparisonTable();
            for (int level : levels) {
                List<LevelResult> results = new ArrayList<>();
                for (GatewayProcess gateway : gateways) {
                    String loadAverage = LevelRun.loadAverage();
                    LevelResult result = levelRun.run(gateway, level, seconds, arrivals);
                    results.add(result);
                    System.out.println(result.row(idleRssKb.get(gateway.target().name())) + " load avg before: "
                            + loadAverage);
                    Thread.sleep(3_000);
                }
                FloorRun.FloorResult floorResult = withFloor ? floor.run(level, seconds) : null;
                if (floorResult != null) {
                    System.out.printf("floor (C relay, tick %d µs), %d calls: relay %.1f %% of one core, its load"
                            + " %.1f %%, softirq %.1f %%; frames sent %d, back %d%n", floor.tickMicros(), level,
                            floorResult.relayCpuPercent(), floorResult.loadCpuPercent(), floorResult.softirqPercent(),
                            floorResult.sent(), floorResult.back());
                    Thread.sleep(3_000);
                }
                table.add(level, results, floorResult);
            }
            System.out.printf("%nSide by side (%s; floor: scripts/relay-floor, tick %d µs):%n%n%s", arrivals.describe(),
                    floor.tickMicros(), table.render());
        } finally {
            for (GatewayProcess gateway : gateways) {
                gateway.close();
            }
        }
    }

    private void cold(int[] levels, int seconds) throws Exception {
        EchoMode echoMode = EchoMode.parse(settings.get("BENCH_ECHO"));
        EchoRealtimeServer echo = new EchoRealtimeServer(vertx, echoMode);
        Arrivals arrivals = Arrivals.fromEnv(settings);
        Map<String, String> env = gatewayEnv(echo, Arrays.stream(levels).max().orElse(0));
        int windowSeconds = Integer.parseInt(settings.getOrDefault("BENCH_COLD_WINDOW_SECONDS", "10"));
        LoadGenerator load = new LoadGenerator(vertx);
        List<GatewayTarget> targets = targets();
        printSetting(seconds, arrivals, echoMode);
        warmLoadGenerator(load, targets.get(targets.size() - 1), env);
        ColdRun coldRun = new ColdRun(load, env, work, arrivals, seconds, windowSeconds);
        for (int calls : levels) {
            List<ColdResult> results = new ArrayList<>();
            for (GatewayTarget target : targets) {
                Thread.sleep(3_000);
                System.out.printf("cold %s gateway, %d calls, load avg before %s%n", target.name(), calls,
                        LevelRun.loadAverage());
                results.add(coldRun.run(target, calls));
            }
            System.out.printf("%nCold start, %d calls offered as soon as the process is ready (%s), first %d s:"
                    + "%n%n%s%n", calls, arrivals.describe(), seconds, ColdReport.render(results));
        }
    }

    /**
     * Only the gateway may be cold: the load generator and echo server (this JVM) are warmed up first against a
     * throwaway gateway process, so the first form measured does not also pay for this JVM's JIT.
     */
    private void warmLoadGenerator(LoadGenerator load, GatewayTarget like, Map<String, String> env) throws Exception {
        GatewayTarget throwaway = new GatewayTarget(like.name() + "-throwaway", like.command(), THROWAWAY_PORT);
        try (GatewayProcess gateway = GatewayProcess.start(throwaway, env, work)) {
            gateway.awaitReady(Duration.ofSeconds(120));
            LevelRun levelRun = new LevelRun(load, null);
            for (int round = 0; round < 2; round++) {
                levelRun.run(gateway, WARM_UP_CALLS, WARM_UP_SECONDS, Arrivals.rate(Arrivals.BURST_PER_SECOND));
            }
        }
        System.out.println("load generator warmed up against a throwaway " + like.name() + " gateway");
    }

    /** control-api, told the first gateway's URL (it needs one; with two forms the other links to it too). */
    private ServiceProcess startControl(Map<String, String> gatewayEnv, int gatewayPort) throws Exception {
        String url = "http://127.0.0.1:" + CONTROL_PORT;
        String token = "bench-internal-token";
        Path controlWork = work.resolve("control-api");
        deleteTree(controlWork);
        ServiceProcess control = ServiceProcess.start(root, "control-api", CONTROL_PORT, Map.of("PUBLIC_URL", url,
                "GATEWAY_PUBLIC_URL", "http://127.0.0.1:" + gatewayPort, "SWITCHBOARD_INTERNAL_TOKEN", token),
                controlWork, Arrays.stream(settings.getOrDefault("BENCH_CONTROL_JAVA_OPTS", "").trim().split("\\s+"))
                        .filter(option -> !option.isEmpty()).toList());
        control.awaitReady(Duration.ofSeconds(60));
        System.out.printf("control-api pid %d, log %s%n", control.pid(), control.log());
        gatewayEnv.put("CONTROL_API_URL", url);
        gatewayEnv.put("SWITCHBOARD_INTERNAL_TOKEN", token);
        return control;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
