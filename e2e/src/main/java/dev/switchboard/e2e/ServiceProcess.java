package dev.switchboard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Switchboard service started as a real process from its build output (the fast-jar, or the native runner when
 * that is what was built), with its output in a log file, so tests and the benchmark exercise what users run.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code module} (call-gateway or control-api) under {@code root} on {@code port} with {@code env}; its
     * output is appended to {@code workDir/<module>.log}, so a restarted service keeps the earlier run's lines.
     */
    public static ServiceProcess start(Path root, String module, int port, Map<String, String> env, Path workDir,
                                       List<String> jvmOptions) throws IOException {
        Path target = root.resolve(module).resolve("target");
        Path nativeRunner = target.resolve(module + "-0.1.0-SNAPSHOT-runner");
        Path jar = target.resolve("quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>();
        // The e2e ITs are told what the build packaged (-Dnative → native), so a leftover jar never stands in for a
        // missing executable; without the property (the benchmark), whichever of the two exists.
        String packaged = System.getProperty("switchboard.package-type", "");
        if (packaged.equals("native") && !Files.isExecutable(nativeRunner)) {
            throw new IllegalStateException(nativeRunner + " is missing: build with ./mvnw package -Dnative first");
        }
        if (packaged.equals("native") || packaged.isEmpty() && Files.isExecutable(nativeRunner) && !Files.exists(jar)) {
            command.add(nativeRunner.toString());
        } else if (Files.exists(jar)) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
        } else {
            throw new IllegalStateException(module + " is not built: run ./mvnw package first");
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        return new ServiceProcess(builder.start(), log, port);
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("service not ready within " + timeout + "; see " + log);
    }

    /** Sends SIGTERM (a graceful stop) and waits for the process to exit. */
    public void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("service did not exit within " + timeout + " of SIGTERM; see " + log);
        }
    }

    /** Sends SIGKILL, as a crash or an out-of-memory kill would end it, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
