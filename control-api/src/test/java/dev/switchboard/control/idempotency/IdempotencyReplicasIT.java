package dev.switchboard.control.idempotency;

import dev.switchboard.control.support.FakeTwilio;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance test: two packaged control-api processes (the fast-jar, or the native executable with
 * -Dnative) on one PostgreSQL, both dialling through the fake Twilio REST server, receive the same Idempotency-Key at
 * once; exactly one call is dialled and every request answers it.
 */
@EnabledIfSystemProperty(named = "switchboard.test.postgres", matches = ".+")
class IdempotencyReplicasIT {

    private static final String KEY = "idempotency-key";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final boolean NATIVE = "native".equals(System.getProperty("switchboard.package-type"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeTwilio twilio = new FakeTwilio();
    private final List<Process> replicas = new ArrayList<>();
    private Vertx vertx;

    @TempDir
    Path workDir;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process replica : replicas) {
            replica.destroy();
            replica.waitFor(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoReplicasGivenTheSameKeyAtOnceDialOnce() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(twilio::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        twilio.delay(Duration.ofMillis(500));
        int portA = start(server.actualPort(), "a");
        int portB = start(server.actualPort(), "b");
        String to = "+1415" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String key = UUID.randomUUID().toString();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(place(i % 2 == 0 ? portA : portB, key, to));
        }
        List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(twilio.received().stream().filter(r -> to.equals(r.form().get("To")))).hasSize(1);
    }

    private CompletableFuture<HttpResponse<String>> place(int port, String key, String to) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/calls"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").header(IdempotencyKeys.HEADER, key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"" + to + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int start(int twilioPort, String name) throws IOException {
        int port = freePort();
        List<String> command = NATIVE
                ? List.of(Path.of(System.getProperty("native.image.path")).toAbsolutePath().toString())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "idempotency-" + name + "-" + port + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("TWILIO_") || k.startsWith("SWITCHBOARD_"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", System.getProperty("switchboard.test.postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getProperty("switchboard.test.postgres.user", "postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getProperty("switchboard.test.postgres.password", ""));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SWITCHBOARD_API_KEY", KEY);
        env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:" + twilioPort);
        env.put("TWILIO_ACCOUNT_SID", FakeTwilio.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", FakeTwilio.AUTH_TOKEN);
        env.put("TWILIO_FROM_NUMBER", FakeTwilio.FROM);
        Process process = builder.start();
        replicas.add(process);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("control-api exited; see target/idempotency-*.log").isTrue();
            return ready(port);
        });
        return port;
    }

    private boolean ready(int port) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
