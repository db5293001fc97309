package dev.switchboard.control.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged control-api (the fast-jar, or the native executable with -Dnative) as a real process, writes through the API, kills it with SIGKILL right after
 * the acknowledgements, restarts it on the same store and reads everything back.
 */
class DurabilityIT {

    private static final String KEY = "durability-key";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    /** What this build packaged (the root pom sets it; -Dnative → native), never a leftover of an earlier build. */
    private static final boolean NATIVE = "native".equals(System.getProperty("switchboard.package-type"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    @Test
    void acknowledgedWritesSurviveKillMinus9OnTheEmbeddedH2File() throws Exception {
        survivesKill(Map.of());
        assertThat(workDir.resolve("data")).isDirectory();
    }

    @Test
    @EnabledIfSystemProperty(named = "switchboard.test.postgres", matches = ".+")
    void acknowledgedWritesSurviveKillMinus9OnPostgres() throws Exception {
        survivesKill(Map.of("QUARKUS_DATASOURCE_JDBC_URL", System.getProperty("switchboard.test.postgres"),
                "QUARKUS_DATASOURCE_USERNAME", System.getProperty("switchboard.test.postgres.user", "postgres"),
                "QUARKUS_DATASOURCE_PASSWORD", System.getProperty("switchboard.test.postgres.password", "")));
    }

    private void survivesKill(Map<String, String> storeEnv) throws Exception {
        int port = freePort();
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        String voice = "sage";

        Process first = start(port, storeEnv, "first");
        String version;
        try {
            String etag = send(port, "GET", "/api/config", null, null).headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> put = send(port, "PUT", "/api/config", etag, """
                    {"instructions": "Durable instructions %s", "voice": "%s", "tools": []}""".formatted(sid, voice));
            assertThat(put.statusCode()).isEqualTo(200);
            version = put.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> status = sendForm(port, "CallSid=" + sid
                    + "&CallStatus=in-progress&SequenceNumber=2&Direction=inbound&From=%2B14155550123&To=%2B15005550006");
            assertThat(status.statusCode()).isEqualTo(204);
        } finally {
            first.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no flush
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).isEqualTo(137);

        Process second = start(port, storeEnv, "second");
        try {
            HttpResponse<String> config = send(port, "GET", "/api/config", null, null);
            assertThat(config.headers().firstValue("ETag")).contains(version);
            assertThat(config.body()).contains("Durable instructions " + sid).contains("\"voice\":\"" + voice + "\"");
            HttpResponse<String> call = send(port, "GET", "/api/calls/" + sid, null, null);
            assertThat(call.statusCode()).isEqualTo(200);
            assertThat(call.body()).contains("\"status\":\"in-progress\"").contains("\"direction\":\"inbound\"")
                    .contains("\"sequenceNumber\":2");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(int port, Map<String, String> storeEnv, String name) throws IOException {
        List<String> command = NATIVE
                ? List.of(Path.of(System.getProperty("native.image.path")).toAbsolutePath().toString())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "durability-" + name + "-" + port + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("TWILIO_") || k.startsWith("SWITCHBOARD_"));
        env.putAll(new HashMap<>(storeEnv));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SWITCHBOARD_API_KEY", KEY);
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("control-api exited; see target/durability-*.log").isTrue();
            try {
                return send(port, "GET", "/q/health/ready", null, null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private HttpResponse<String> send(int port, String method, String path, String ifMatch, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + KEY)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendForm(int port, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/twilio/status"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
