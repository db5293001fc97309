package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real HAProxy (Debian package {@code haproxy}) in front of two gateways on loopback: all traffic goes to the
 * primary while its readiness check passes, to the backup once it failed twice (checked every 100 ms, then every
 * 50 ms once a check failed; a slow answer under load is not a failure), as a platform's load balancer would route
 * around a lost or draining instance.
 */
final class HaProxy implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final Path log;

    private HaProxy(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static HaProxy start(int port, int primaryPort, int backupPort, Path workDir) throws IOException {
        Path config = workDir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 200ms
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    timeout check 3s
                    retries 3
                    option redispatch 1
                frontend gateways
                    bind 127.0.0.1:%d
                    default_backend gateways
                backend gateways
                    option httpchk GET /q/health/ready
                    default-server inter 100ms fastinter 50ms fall 2 rise 2
                    server primary 127.0.0.1:%d check
                    server backup 127.0.0.1:%d check backup
                """.formatted(port, primaryPort, backupPort));
        Path log = workDir.resolve("haproxy.log");
        Process process = new ProcessBuilder(BINARY.toString(), "-f", config.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new HaProxy(process, log);
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
