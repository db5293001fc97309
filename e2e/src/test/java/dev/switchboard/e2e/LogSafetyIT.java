package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A whole local call through both packaged services, in each log format, with every secret configured to a known
 * value and an outcome webhook whose receiver always fails (so delivery retries are logged): neither service's log
 * may hold a secret or a full phone number of the call. In JSON every line is one JSON object and the call's lines
 * carry its CallSid as an MDC field (docs/operations.md, "Logs"; docs/security.md, "What is logged").
 */
class LogSafetyIT {

    private static final String TO = "+15557654321";
    private static final String FROM = "+15558765432";
    private static final Map<String, String> SECRETS = Map.of(
            "OPENAI_API_KEY", "sk-e2e-log-safety-openai-key-3f9a",
            "TWILIO_AUTH_TOKEN", "e2e-log-safety-twilio-auth-token-7c21",
            "SWITCHBOARD_INTERNAL_TOKEN", "e2e-log-safety-internal-token-5b8e",
            "SWITCHBOARD_API_KEY", "e2e-log-safety-api-key-91d0",
            "SWITCHBOARD_STREAM_SECRET", "e2e-log-safety-stream-secret-2e6f",
            "SWITCHBOARD_WEBHOOK_SECRET", "e2e-log-safety-webhook-tool-secret-8a4c");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Vertx vertx;
    private static int receiverPort;
    private static final AtomicInteger receiverHits = new AtomicInteger();

    @BeforeAll
    static void startFailingReceiver() throws Exception {
        vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer()
                .requestHandler(request -> {
                    receiverHits.incrementAndGet();
                    request.response().setStatusCode(500).end();
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        receiverPort = receiver.actualPort();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aLocalCallLogsNoSecretAndNoNumber(String format) throws Exception {
        receiverHits.set(0);
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("switchboard-e2e-logs-" + format);
        int controlPort = freePort();
        int gatewayPort = freePort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        Map<String, String> forbidden = new HashMap<>(SECRETS);
        forbidden.putAll(Map.of("the called number", TO, "the caller ID", FROM,
                "the called number without +", TO.substring(1), "the caller ID without +", FROM.substring(1)));
        try (ServiceProcess control = ServiceProcess.start(root, "control-api", controlPort, Map.of(
                "SWITCHBOARD_LOG_FORMAT", format, "PUBLIC_URL", controlUrl, "GATEWAY_PUBLIC_URL", gatewayUrl,
                "SWITCHBOARD_INTERNAL_TOKEN", SECRETS.get("SWITCHBOARD_INTERNAL_TOKEN"),
                "TWILIO_AUTH_TOKEN", SECRETS.get("TWILIO_AUTH_TOKEN"),
                "SWITCHBOARD_API_KEY", SECRETS.get("SWITCHBOARD_API_KEY")), work, List.of());
             ServiceProcess gateway = ServiceProcess.start(root, "call-gateway", gatewayPort, Map.of(
                "SWITCHBOARD_LOG_FORMAT", format, "PUBLIC_URL", gatewayUrl, "CONTROL_API_URL", controlUrl,
                "SWITCHBOARD_INTERNAL_TOKEN", SECRETS.get("SWITCHBOARD_INTERNAL_TOKEN"),
                "TWILIO_AUTH_TOKEN", SECRETS.get("TWILIO_AUTH_TOKEN"),
                "OPENAI_API_KEY", SECRETS.get("OPENAI_API_KEY"), "SWITCHBOARD_AGENT_MODE", "local",
                "SWITCHBOARD_STREAM_SECRET", SECRETS.get("SWITCHBOARD_STREAM_SECRET"),
                "SWITCHBOARD_WEBHOOK_SECRET", SECRETS.get("SWITCHBOARD_WEBHOOK_SECRET")), work, List.of())) {
            control.awaitReady(Duration.ofSeconds(90));
            gateway.awaitReady(Duration.ofSeconds(90));
            JsonObject webhook = api(controlPort, "/api/webhooks", new JsonObject()
                    .put("url", "http://127.0.0.1:" + receiverPort + "/hook"), 201);
            String webhookSecret = webhook.getString("secret");
            forbidden.put("the outcome webhook's secret", webhookSecret.substring("whsec_".length()));
            String sid = api(controlPort, "/api/calls", new JsonObject().put("to", TO).put("from", FROM), 201)
                    .getString("sid");
            await().atMost(150, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                    .until(() -> "completed".equals(detail(controlPort, sid).getString("status")));
            await().atMost(30, TimeUnit.SECONDS).until(() -> receiverHits.get() >= 2);
            gateway.stop(Duration.ofSeconds(30));
            control.stop(Duration.ofSeconds(30));
            for (ServiceProcess service : List.of(control, gateway)) {
                List<String> lines = Files.readAllLines(service.log());
                assertNothingForbidden(service.log(), lines, forbidden);
                if (format.equals("json")) {
                    assertCallFieldsInJson(service.log(), lines, sid);
                } else {
                    assertThat(lines).as("%s: the call's lines show its CallSid", service.log())
                            .anyMatch(line -> line.contains("[call=" + sid));
                }
            }
        }
    }

    /** Names what leaked and where, without printing the value. */
    private static void assertNothingForbidden(Path log, List<String> lines, Map<String, String> forbidden) {
        for (int n = 0; n < lines.size(); n++) {
            for (Map.Entry<String, String> value : forbidden.entrySet()) {
                if (lines.get(n).contains(value.getValue())) {
                    fail("%s line %d holds %s", log, n + 1, value.getKey());
                }
            }
        }
    }

    private static void assertCallFieldsInJson(Path log, List<String> lines, String sid) {
        List<JsonObject> records = new ArrayList<>();
        for (String line : lines) {
            try {
                records.add(new JsonObject(line));
            } catch (DecodeException e) {
                fail("%s has a line that is not a JSON object: %s", log, line);
            }
        }
        List<JsonObject> ofCall = records.stream()
                .filter(record -> sid.equals(record.getJsonObject("mdc", new JsonObject()).getString("callSid")))
                .toList();
        assertThat(ofCall).as("%s: lines carrying the call's CallSid as a field", log).isNotEmpty();
        assertThat(records).as("%s: no message repeats a CallSid the field carries", log)
                .noneMatch(record -> record.getString("message", "").contains("[call="));
        if (log.getFileName().toString().startsWith("call-gateway")) {
            assertThat(ofCall).as("the gateway's lines of the call name its stream and profile")
                    .filteredOn(record -> record.getString("message").startsWith("media stream ")
                            || record.getString("message").startsWith("ended ("))
                    .hasSize(2).allSatisfy(record -> {
                        assertThat(record.getJsonObject("mdc").getString("streamSid")).startsWith("MZ");
                        assertThat(record.getJsonObject("mdc").getString("profile")).isEqualTo("default");
                    });
        }
    }

    private static JsonObject api(int port, String path, JsonObject body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + SECRETS.get("SWITCHBOARD_API_KEY"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return new JsonObject(response.body());
    }

    private static JsonObject detail(int port, String sid) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/calls/" + sid))
                .header("Authorization", "Bearer " + SECRETS.get("SWITCHBOARD_API_KEY")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
