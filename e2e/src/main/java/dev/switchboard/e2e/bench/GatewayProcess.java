package dev.switchboard.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway started as its own process from a {@link GatewayTarget}, output appended to a log. The e2e
 * {@code ServiceProcess} only starts the build output of this checkout; the benchmark must also start a native
 * executable from anywhere, and the cold mode needs the moment the process was started.
 */
final class GatewayProcess implements AutoCloseable {

    private final GatewayTarget target;
    private final Process process;
    private final Path log;
    private final long startNanos;

    private GatewayProcess(GatewayTarget target, Process process, Path log, long startNanos) {
        this.target = target;
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    static GatewayProcess start(GatewayTarget target, Map<String, String> env, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("call-gateway-" + target.name() + ".log");
        ProcessBuilder builder = new ProcessBuilder(target.command()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(target.port()));
        builder.environment().put("PUBLIC_URL", "http://127.0.0.1:" + target.port());
        long started = System.nanoTime();
        return new GatewayProcess(target, builder.start(), log, started);
    }

    GatewayTarget target() {
        return target;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    /** Waits until {@code /q/health/ready} answers 200, polling every 10 ms; returns when it did (nanoTime). */
    long awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI ready = URI.create("http://127.0.0.1:" + target.port() + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(target.name() + " gateway exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(target.name() + " gateway not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
