package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two control-api replicas on one fresh PostgreSQL database, one real gateway (local agent, no OpenAI key) linked
 * to replica A only, local calls placed on A. Everything is asked of replica B: its /logs shows A's calls (live and
 * to a late joiner), a config stored through B reaches the gateway on A, and hang-up, DTMF and transfer asked of B
 * reach the calls on A. Needs a PostgreSQL server ({@code -Dswitchboard.test.postgres=<jdbc url>}, default
 * 127.0.0.1:5432 as postgres); skipped when none answers.
 */
class ReplicasIT {

    private static final String AUTH_TOKEN = "e2e-twilio-auth-token";
    private static final String INTERNAL_TOKEN = "e2e-internal-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String POSTGRES = System.getProperty("switchboard.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = System.getProperty("switchboard.test.postgres.user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("switchboard.test.postgres.password", "");

    private static Vertx vertx;
    private static ServiceProcess replicaA;
    private static ServiceProcess replicaB;
    private static ServiceProcess gateway;
    private static LiveEvents logsOnB;
    private static String database;

    @BeforeAll
    static void startServices() throws Exception {
        assumeTrue(postgresAnswers(), "no PostgreSQL at " + POSTGRES);
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("switchboard-replicas");
        int portA = freePort();
        int portB = freePort();
        int gatewayPort = freePort();
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        String jdbcUrl = createDatabase();
        replicaA = ServiceProcess.start(root, "control-api", portA, controlEnv(portA, gatewayUrl, jdbcUrl),
                work.resolve("a"), JVM);
        replicaB = ServiceProcess.start(root, "control-api", portB, controlEnv(portB, gatewayUrl, jdbcUrl),
                work.resolve("b"), JVM);
        gateway = ServiceProcess.start(root, "call-gateway", gatewayPort, Map.of("PUBLIC_URL", gatewayUrl,
                "CONTROL_API_URL", "http://127.0.0.1:" + portA, "SWITCHBOARD_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN), work, JVM);
        replicaA.awaitReady(Duration.ofSeconds(90));
        replicaB.awaitReady(Duration.ofSeconds(90));
        gateway.awaitReady(Duration.ofSeconds(90));
        await().atMost(30, TimeUnit.SECONDS).until(() -> linkedGateways(replicaA) == 1);
        assertThat(linkedGateways(replicaB)).as("gateways linked to B").isZero();
        vertx = Vertx.vertx();
        logsOnB = LiveEvents.connect(vertx, replicaB.port());
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        for (ServiceProcess service : new ServiceProcess[] { gateway, replicaB, replicaA }) {
            if (service != null) {
                service.close();
            }
        }
        if (database != null) {
            sql(POSTGRES, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void aCallOnReplicaAIsSeenAndHungUpThroughReplicaB() throws Exception {
        String sid = placeCallOnA();
        await().atMost(60, TimeUnit.SECONDS).until(() -> logsOnB.story(sid).contains(
                "agent: Hello, this is the Switchboard demo agent. How can I help you?"));
        assertThat(logsOnB.story(sid)).startsWith("call.started");

        LiveEvents lateOnB = LiveEvents.connect(vertx, replicaB.port());
        await().atMost(10, TimeUnit.SECONDS).until(() -> lateOnB.story(sid).contains("call.started"));

        HttpResponse<String> hangUp = send(replicaB, "DELETE", "/api/calls/" + sid, null);
        assertThat(hangUp.statusCode()).as(hangUp.body()).isEqualTo(202);
        await().atMost(20, TimeUnit.SECONDS).until(() -> logsOnB.story(sid).contains("call.ended"));
        await().atMost(20, TimeUnit.SECONDS).until(() -> "completed".equals(detail(replicaB, sid).getString("status")));
        assertThat(logsOnB.story(sid)).as("hung up long before the caller's goodbye")
                .doesNotContain("caller: No, that's all, thank you. Please hang up. Goodbye.");
    }

    @Test
    void keysAndATransferAskedOfReplicaBReachTheCallOnReplicaA() throws Exception {
        String sid = placeCallOnA();
        await().atMost(60, TimeUnit.SECONDS).until(() -> logsOnB.story(sid).contains("call.started"));

        HttpResponse<String> keys = send(replicaB, "POST", "/api/calls/" + sid + "/dtmf", "{\"digits\": \"42\"}");
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(202);
        HttpResponse<String> transfer = send(replicaB, "POST", "/api/calls/" + sid + "/transfer",
                "{\"target\": \"+15551239999\", \"reason\": \"asked for a person\"}");
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(202);

        await().atMost(30, TimeUnit.SECONDS).until(() -> ended(sid) != null);
        assertThat(ended(sid).getJsonObject("data").getString("reason"))
                .as("the gateway on A was told before the carrier moved the call").isEqualTo("transferred");
        assertThat(detail(replicaA, sid).getJsonArray("transfers")).hasSize(1);
    }

    @Test
    void aConfigStoredThroughReplicaBReachesTheGatewayOnReplicaA() throws Exception {
        JsonObject config = new JsonObject(send(replicaB, "GET", "/api/config", null).body());
        config.put("greeting", "Hello from replica B.");
        HttpResponse<String> stored = send(replicaB, "PUT", "/api/config", config.encode());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        long version = new JsonObject(stored.body()).getLong("version");

        await().atMost(20, TimeUnit.SECONDS).until(() -> Files.readString(gateway.log())
                .contains("agent profile default version " + version + " applied"));
    }

    private static String placeCallOnA() throws Exception {
        HttpResponse<String> placed = send(replicaA, "POST", "/api/calls", "{\"to\": \"+15551230000\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return new JsonObject(placed.body()).getString("sid");
    }

    private static JsonObject ended(String sid) {
        return logsOnB.events(sid).stream().filter(e -> "call.ended".equals(e.getString("type"))).findFirst()
                .orElse(null);
    }

    private static Map<String, String> controlEnv(int port, String gatewayUrl, String jdbcUrl) {
        Map<String, String> env = new HashMap<>(Map.of("PUBLIC_URL", "http://127.0.0.1:" + port,
                "GATEWAY_PUBLIC_URL", gatewayUrl, "SWITCHBOARD_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN, "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", PG_USER, "QUARKUS_DATASOURCE_PASSWORD", PG_PASSWORD));
        return env;
    }

    private static int linkedGateways(ServiceProcess control) throws Exception {
        JsonObject status = new JsonObject(send(control, "GET", "/api/status", null).body());
        return status.getInteger("gateways");
    }

    private static JsonObject detail(ServiceProcess control, String sid) throws Exception {
        return new JsonObject(send(control, "GET", "/api/calls/" + sid, null).body());
    }

    private static HttpResponse<String> send(ServiceProcess control, String method, String path, String json)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean postgresAnswers() {
        try {
            sql(POSTGRES, "SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A database of its own, so both replicas start from an empty history and the default config. */
    private static String createDatabase() throws SQLException {
        database = "e2e_replicas_" + Long.toHexString(System.nanoTime());
        sql(POSTGRES, "CREATE DATABASE " + database);
        return POSTGRES.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database + "$1");
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, PG_USER, PG_PASSWORD);
             Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
