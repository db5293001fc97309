package dev.switchboard.e2e;

import dev.switchboard.control.localdial.Sids;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * control-api goes away in the middle of a call, twice: a graceful stop (SIGTERM) while the agent answers, and a
 * crash (SIGKILL) right after the caller says goodbye. The test plays Twilio itself (control-api's local dialer would
 * die with it): the call goes on, and once control-api is back on the same port and store, its history holds the
 * whole call in order with nothing missing and nothing twice. H2 file by default; PostgreSQL with
 * {@code -Dswitchboard.test.postgres=<jdbc url>}.
 */
class ControlApiRestartIT {

    private static final String AUTH_TOKEN = "e2e-twilio-auth-token";
    private static final String QUESTION = "Hi, can you tell me where my order 4217 is?";
    private static final String GOODBYE = "No, that's all, thank you. Please hang up. Goodbye.";
    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Quick-starting JVMs: control-api starts three times, on a 2-core CI machine. */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final String POSTGRES = System.getProperty("switchboard.test.postgres", "");
    private static final String PG_USER = System.getProperty("switchboard.test.postgres.user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("switchboard.test.postgres.password", "");

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> controlEnv = new HashMap<>();
    private Path root;
    private Path work;
    private ServiceProcess control;
    private ServiceProcess gateway;
    private TwilioCaller caller;
    private String database;

    @BeforeEach
    void startServices() throws Exception {
        root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("switchboard-restart");
        int controlPort = freePort();
        int gatewayPort = freePort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        controlEnv.putAll(Map.of("PUBLIC_URL", controlUrl, "GATEWAY_PUBLIC_URL", gatewayUrl,
                "SWITCHBOARD_INTERNAL_TOKEN", "e2e-internal-token", "TWILIO_AUTH_TOKEN", AUTH_TOKEN));
        if (!POSTGRES.isBlank()) {
            controlEnv.putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", createDatabase(),
                    "QUARKUS_DATASOURCE_USERNAME", PG_USER, "QUARKUS_DATASOURCE_PASSWORD", PG_PASSWORD));
        }
        control = ServiceProcess.start(root, "control-api", controlPort, controlEnv, work, JVM);
        // A short backoff ceiling keeps the reconnect after each restart within a second or so.
        gateway = ServiceProcess.start(root, "call-gateway", gatewayPort, Map.of("PUBLIC_URL", gatewayUrl,
                "CONTROL_API_URL", controlUrl, "SWITCHBOARD_INTERNAL_TOKEN", "e2e-internal-token",
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN, "GATEWAY_CONTROL_RECONNECT_MAX", "1s"), work, JVM);
        control.awaitReady(Duration.ofSeconds(90));
        gateway.awaitReady(Duration.ofSeconds(90));
    }

    @AfterEach
    void stopServices() throws Exception {
        if (caller != null) {
            caller.hangUp();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (gateway != null) {
            gateway.close();
        }
        if (control != null) {
            control.close();
        }
        if (database != null) {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void controlApiStoppedAndRestartedMidCall() throws Exception {
        awaitLink(true);
        LiveEvents before = LiveEvents.connect(vertx, control.port());
        String sid = Sids.next("CA");
        caller = new TwilioCaller(sid);
        caller.call(vertx, HTTP, "http://127.0.0.1:" + gateway.port(), AUTH_TOKEN);
        caller.awaitAgentDone(0, Duration.ofSeconds(20));
        caller.say("question");
        await().atMost(20, TimeUnit.SECONDS).until(() -> before.story(sid).contains("caller: " + QUESTION));

        Instant stopped = Instant.now();
        control.stop(Duration.ofSeconds(30));
        long audioAtStop = caller.agentAudioBytes();
        long framesAtStop = caller.framesSent();
        rideOutOutage(audioAtStop, framesAtStop);
        control = restart();
        Instant restarted = Instant.now();
        LiveEvents after = LiveEvents.connect(vertx, control.port());
        awaitLink(true);
        caller.awaitAgentDone(audioAtStop, Duration.ofSeconds(30));
        caller.say("goodbye");
        await().atMost(20, TimeUnit.SECONDS).until(() -> after.story(sid).contains("caller: " + GOODBYE));

        Instant killed = Instant.now();
        control.kill();
        long audioAtKill = caller.agentAudioBytes();
        await().atMost(20, TimeUnit.SECONDS).until(caller::closed);
        assertThat(caller.agentAudioBytes()).as("the agent's goodbye, spoken while control-api was dead")
                .isGreaterThan(audioAtKill + 8_000);
        control = restart();
        Instant back = Instant.now();

        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            JsonObject call = detail(sid);
            return "completed".equals(call.getString("status")) && call.getJsonArray("toolCalls").size() == 2;
        });
        JsonObject stored = detail(sid);
        assertThat(lines(stored, "transcript", t -> t.getString("speaker") + ": " + t.getString("text")))
                .as("the stored transcript, both sides, in order, nothing missing and nothing twice").containsExactly(
                        "agent: Hello, this is the Switchboard demo agent. How can I help you?",
                        "caller: " + QUESTION,
                        "agent: Sure, let me look up that order for you.",
                        "agent: Order 4217 has shipped and arrives on Friday. Anything else?",
                        "caller: " + GOODBYE,
                        "agent: You're welcome. Goodbye!");
        assertThat(lines(stored, "toolCalls", t -> t.getString("name"))).containsExactly("lookup_order", "end_call");
        assertThat(stored.getJsonArray("toolCalls").getJsonObject(0).getString("output")).contains("shipped");
        List<Instant> times = lines(stored, "transcript", t -> Instant.parse(t.getString("at")));
        assertThat(times).isSorted();
        assertThat(times).as("lines from before, during and after the SIGTERM outage, and during the SIGKILL one")
                .anyMatch(at -> at.isBefore(stopped))
                .anyMatch(at -> at.isAfter(stopped) && at.isBefore(restarted))
                .anyMatch(at -> at.isAfter(restarted) && at.isBefore(killed))
                .anyMatch(at -> at.isAfter(killed));
        assertThat(stored.getString("endReason")).isNotBlank();
        assertThat(lines(stored, "timeline", t -> t.getString("status"))).containsSubsequence("in-progress",
                "completed");
        assertThat(after.story(sid)).as("/logs after the restart").contains("caller: " + GOODBYE);
        String metrics = get(gateway.port(), "/q/metrics").body();
        assertThat(metric(metrics, "switchboard_link_events_dropped_total{kind=\"other\"}")).isZero();
        assertThat(metric(metrics, "switchboard_link_events_dropped_total{kind=\"transcript-delta\"}")).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() ->
                metric(get(gateway.port(), "/q/metrics").body(), "switchboard_link_events_queued") == 0);
        System.out.printf("ControlApiRestartIT: down %d ms (SIGTERM) and %d ms (SIGKILL); events sent again: %.0f%n",
                Duration.between(stopped, restarted).toMillis(), Duration.between(killed, back).toMillis(),
                metric(get(gateway.port(), "/q/metrics").body(), "switchboard_link_events_resent_total"));
    }

    /** While control-api is gone the call goes on: the caller's audio flows and the agent keeps answering. */
    private void rideOutOutage(long audioAtStop, long framesAtStop) throws Exception {
        awaitLink(false);
        long down = System.nanoTime();
        await().atMost(30, TimeUnit.SECONDS).until(() -> System.nanoTime() - down >= OUTAGE.toNanos()
                && caller.agentAudioBytes() - audioAtStop > 8_000);
        assertThat(caller.closed()).isFalse();
        assertThat(caller.framesSent() - framesAtStop).as("caller frames sent during the outage")
                .isGreaterThanOrEqualTo(OUTAGE.toMillis() / 20 / 2);
        assertThat(metric(get(gateway.port(), "/q/metrics").body(), "switchboard_link_events_queued"))
                .as("events waiting for control-api").isPositive();
    }

    private ServiceProcess restart() throws Exception {
        ServiceProcess again = ServiceProcess.start(root, "control-api", control.port(), controlEnv, work, JVM);
        again.awaitReady(Duration.ofSeconds(90));
        return again;
    }

    private void awaitLink(boolean up) {
        await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).until(() ->
                metric(get(gateway.port(), "/q/metrics").body(), "switchboard_link_up") == (up ? 1 : 0));
    }

    private static <T> List<T> lines(JsonObject detail, String field, java.util.function.Function<JsonObject, T> how) {
        return detail.getJsonArray(field).stream().map(o -> how.apply((JsonObject) o)).toList();
    }

    private static double metric(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).orElse(-1.0);
    }

    private JsonObject detail(String sid) throws Exception {
        HttpResponse<String> response = get(control.port(), "/api/calls/" + sid);
        return response.statusCode() == 200 ? new JsonObject(response.body()) : new JsonObject();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A database of its own: the shared test database holds other tests' agent config. */
    private String createDatabase() throws SQLException {
        database = "e2e_restart_" + Long.toHexString(System.nanoTime());
        sql("CREATE DATABASE " + database);
        return POSTGRES.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database + "$1");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, PG_USER, PG_PASSWORD);
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
