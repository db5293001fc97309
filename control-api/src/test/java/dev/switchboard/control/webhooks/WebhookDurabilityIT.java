package dev.switchboard.control.webhooks;

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
 * Runs the packaged control-api as a real process, records call events while the subscriber fails every attempt,
 * kills the process with SIGKILL, restarts it on the same store and checks each event arrives once, in order.
 */
class WebhookDurabilityIT {

    private static final String KEY = "webhook-durability-key";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final boolean NATIVE = "native".equals(System.getProperty("switchboard.package-type"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    @Test
    void pendingEventsAreDeliveredOnceAfterKillMinus9OnTheEmbeddedH2File() throws Exception {
        survivesKill(Map.of());
    }

    @Test
    @EnabledIfSystemProperty(named = "switchboard.test.postgres", matches = ".+")
    void pendingEventsAreDeliveredOnceAfterKillMinus9OnPostgres() throws Exception {
        survivesKill(Map.of("QUARKUS_DATASOURCE_JDBC_URL", System.getProperty("switchboard.test.postgres"),
                "QUARKUS_DATASOURCE_USERNAME", System.getProperty("switchboard.test.postgres.user", "postgres"),
                "QUARKUS_DATASOURCE_PASSWORD", System.getProperty("switchboard.test.postgres.password", "")));
    }

    private void survivesKill(Map<String, String> storeEnv) throws Exception {
        int port = freePort();
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE, 204)) {
            Process first = start(port, storeEnv, "first");
            String id;
            try {
                HttpResponse<String> created = send(port, "POST", "/api/webhooks",
                        "{\"url\": \"%s\", \"events\": [\"*\"]}".formatted(receiver.url()));
                assertThat(created.statusCode()).isEqualTo(201);
                id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                int seq = 0;
                for (String status : List.of("queued", "ringing", "in-progress", "completed")) {
                    assertThat(sendForm(port, "CallSid=" + sid + "&CallStatus=" + status + "&SequenceNumber=" + seq++
                            + "&Direction=outbound-api&From=%2B14155550100&To=%2B14155550123").statusCode()).isEqualTo(204);
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.forCall(sid).size() >= 2);
            } finally {
                first.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, nothing delivered on the way out
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(receiver.acceptedForCall(sid)).isEmpty();
            receiver.stopFailing();

            Process second = start(port, storeEnv, "second");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acceptedForCall(sid).size() == 4);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.acceptedForCall(sid).size() == 4);
                List<WebhookReceiver.Received> accepted = receiver.acceptedForCall(sid);
                assertThat(accepted.stream().map(r -> r.json().getInteger("sequence"))).containsExactly(1, 2, 3, 4);
                assertThat(accepted.stream().map(r -> r.headers().get("webhook-id")).distinct()).hasSize(4);
                assertThat(send(port, "GET", "/api/webhooks/" + id + "/deliveries", null).body())
                        .contains("\"outcome\":\"delivered\"");
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(int port, Map<String, String> storeEnv, String name) throws IOException {
        List<String> command = NATIVE
                ? List.of(Path.of(System.getProperty("native.image.path")).toAbsolutePath().toString())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "webhook-durability-" + name + "-" + port + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("TWILIO_") || k.startsWith("SWITCHBOARD_")
                || k.startsWith("CONTROL_"));
        env.putAll(new HashMap<>(storeEnv));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SWITCHBOARD_API_KEY", KEY);
        env.put("CONTROL_WEBHOOKS_POLL_INTERVAL", "100ms");
        env.put("CONTROL_WEBHOOKS_BACKOFF_INITIAL", "100ms");
        env.put("CONTROL_WEBHOOKS_BACKOFF_MAX", "300ms");
        env.put("CONTROL_WEBHOOKS_LEASE", "2s");
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("control-api exited; see target/webhook-durability-*.log").isTrue();
            try {
                return send(port, "GET", "/q/health/ready", null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private HttpResponse<String> send(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + KEY)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
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
