package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A resume that cannot be placed ends politely (docs/faults.md): two gateways behind a real HAProxy on loopback, the
 * backup full from the start ({@code SWITCHBOARD_MAX_CALLS=0}). The primary holding a call is killed: the backup
 * answers each resume request, refuses each new stream, and after the attempts answers the end line and
 * {@code <Hangup/>}; the call completes with the end reason {@code resume-failed}.
 */
class ResumeEndIT {

    private static final String AUTH_TOKEN = "e2e-twilio-auth-token";
    private static final String INTERNAL_TOKEN = "e2e-internal-token";
    private static final String END_LINE = "Sorry, we lost the connection. Please call us back.";
    private static final String GREETING = "Hello, this is the Switchboard demo agent. How can I help you?";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> running = new ArrayList<>();
    private ServiceProcess control;

    @AfterEach
    void stopServices() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (AutoCloseable service : running.reversed()) {
            service.close();
        }
    }

    @Test
    void aCallWhoseEveryNewStreamIsRefusedHearsTheEndLineAndEnds() throws Exception {
        assumeTrue(HaProxy.installed(), "HAProxy is not installed (Debian package haproxy)");
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("switchboard-resume-end");
        int balancerPort = freePort();
        int primaryPort = freePort();
        int backupPort = freePort();
        String balancerUrl = "http://127.0.0.1:" + balancerPort;
        int controlPort = freePort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        control = start(root, "control-api", controlPort, Map.of("PUBLIC_URL", controlUrl,
                "GATEWAY_PUBLIC_URL", balancerUrl, "SWITCHBOARD_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN), work.resolve("control"));
        Map<String, String> gateway = Map.of("PUBLIC_URL", balancerUrl, "CONTROL_API_URL", controlUrl,
                "SWITCHBOARD_INTERNAL_TOKEN", INTERNAL_TOKEN, "TWILIO_AUTH_TOKEN", AUTH_TOKEN,
                "SWITCHBOARD_STREAM_SECRET", "e2e-shared-stream-secret");
        ServiceProcess primary = start(root, "call-gateway", primaryPort, with(gateway, "SWITCHBOARD_INSTANCE_ID",
                "primary"), work.resolve("primary"));
        Map<String, String> full = with(gateway, "SWITCHBOARD_INSTANCE_ID", "backup");
        full.put("SWITCHBOARD_MAX_CALLS", "0");
        ServiceProcess backup = start(root, "call-gateway", backupPort, full, work.resolve("backup"));
        running.add(HaProxy.start(balancerPort, primaryPort, backupPort, work));
        for (ServiceProcess service : List.of(control, primary, backup)) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> new JsonObject(send("GET", "/api/status", null).body())
                .getInteger("gateways") == 2);
        LiveEvents live = LiveEvents.connect(vertx, control.port());

        HttpResponse<String> placed = send("POST", "/api/calls", "{\"to\": \"+15551239876\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String sid = new JsonObject(placed.body()).getString("sid");
        await().atMost(60, TimeUnit.SECONDS).until(() -> live.story(sid).contains("agent: " + GREETING));
        primary.kill();
        long killed = System.nanoTime();

        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250))
                .until(() -> "completed".equals(detail(sid).getString("status")));
        long endedMs = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        assertThat(detail(sid).getString("endReason")).isEqualTo("resume-failed");
        String dialer = Files.readString(control.log());
        assertThat(dialer).contains("[call=" + sid + "]").contains("Twilio would say \"" + END_LINE + "\"")
                .doesNotContain("local dialer: resumed on a new stream");
        String backupLog = Files.readString(backup.log());
        assertThat(backupLog).contains("attempt 3 of 3").contains("3 new streams failed in a row");
        System.out.printf("ResumeEndIT: the call ended with the end line %d ms after its gateway was killed%n",
                endedMs);
    }

    private ServiceProcess start(Path root, String module, int port, Map<String, String> env, Path workDir)
            throws IOException {
        ServiceProcess service = ServiceProcess.start(root, module, port, env, workDir, JVM);
        running.add(service);
        return service;
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    private JsonObject detail(String sid) throws Exception {
        return new JsonObject(send("GET", "/api/calls/" + sid, null).body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
