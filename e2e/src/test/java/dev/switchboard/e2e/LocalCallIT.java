package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole local call, as README command 1 runs it: both services as real processes from their build output
 * (the fast-jars, or with -Dnative the two native executables, as `./test.sh --native` and CI run it),
 * wired only by GATEWAY_PUBLIC_URL, CONTROL_API_URL and SWITCHBOARD_INTERNAL_TOKEN (plus an auth token, so every
 * webhook, handshake and status callback is signed and checked), no OpenAI key and no Twilio account.
 */
class LocalCallIT {

    private static final String AUTH_TOKEN = "e2e-twilio-auth-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Vertx vertx;
    private static ServiceProcess control;
    private static ServiceProcess gateway;
    private static final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServices() throws Exception {
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("switchboard-e2e");
        int controlPort = freePort();
        int gatewayPort = freePort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        String internalToken = "e2e-internal-token";
        control = ServiceProcess.start(root, "control-api", controlPort, Map.of("PUBLIC_URL", controlUrl,
                "GATEWAY_PUBLIC_URL", gatewayUrl, "SWITCHBOARD_INTERNAL_TOKEN", internalToken,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN), work, List.of());
        gateway = ServiceProcess.start(root, "call-gateway", gatewayPort, Map.of("PUBLIC_URL", gatewayUrl,
                "CONTROL_API_URL", controlUrl, "SWITCHBOARD_INTERNAL_TOKEN", internalToken,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN), work, List.of());
        control.awaitReady(Duration.ofSeconds(90));
        gateway.awaitReady(Duration.ofSeconds(90));
        vertx = Vertx.vertx();
        vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                        .setAbsoluteURI("ws://127.0.0.1:" + controlPort + "/logs"))
                .map(ws -> ws.textMessageHandler(text -> events.add(new JsonObject(text))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (control != null) {
            control.close();
        }
    }

    @Test
    void aLocalCallRunsTheWholeConversationAndIsStored() throws Exception {
        HttpResponse<String> placed = post("/api/calls", "{\"to\": \"+15551230000\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonObject call = new JsonObject(placed.body());
        String sid = call.getString("sid");
        assertThat(sid).matches("CA[0-9a-f]{32}");
        assertThat(call.getString("mode")).isEqualTo("local");

        await().atMost(150, TimeUnit.SECONDS).until(() -> ofCall(sid).stream()
                .anyMatch(e -> "call.ended".equals(e.getString("type"))));
        List<String> story = ofCall(sid).stream().map(LocalCallIT::story).filter(s -> !s.isEmpty()).toList();
        assertThat(story).as("the call as /logs told it").containsSubsequence(
                "call.started",
                "agent: Hello, this is the Switchboard demo agent. How can I help you?",
                "caller: Hi, can you tell me where my order 4217 is?",
                "agent: Sure, let me look up that order for you.",
                "tool.called lookup_order",
                "tool.result lookup_order",
                "agent: Order 4217 has shipped and arrives on Friday. Anything else?",
                "caller: No, that's all, thank you. Please hang up. Goodbye.",
                "agent: You're welcome. Goodbye!",
                "tool.called end_call",
                "call.ended");

        await().atMost(20, TimeUnit.SECONDS).until(() -> "completed".equals(detail(sid).getString("status")));
        JsonObject stored = detail(sid);
        assertThat(stored.getLong("durationMs")).isGreaterThan(10_000L);
        List<String> timeline = stored.getJsonArray("timeline").stream()
                .map(s -> ((JsonObject) s).getString("status")).toList();
        assertThat(timeline).containsSubsequence("ringing", "in-progress", "completed");
        JsonArray transcript = stored.getJsonArray("transcript");
        assertThat(transcript.stream().map(t -> ((JsonObject) t).getString("speaker")).distinct())
                .contains("caller", "agent");
        assertThat(transcript.stream().map(t -> ((JsonObject) t).getString("text")))
                .contains("Hi, can you tell me where my order 4217 is?", "You're welcome. Goodbye!");
        assertThat(stored.getJsonArray("toolCalls").stream().map(t -> ((JsonObject) t).getString("name")))
                .contains("lookup_order", "end_call");
        JsonObject lookup = stored.getJsonArray("toolCalls").stream().map(t -> (JsonObject) t)
                .filter(t -> "lookup_order".equals(t.getString("name"))).findFirst().orElseThrow();
        assertThat(lookup.getString("output")).contains("shipped");
    }

    private static String story(JsonObject event) {
        JsonObject data = event.getJsonObject("data", new JsonObject());
        return switch (event.getString("type")) {
            case "call.started", "call.ended" -> event.getString("type");
            case "transcript.caller" -> Boolean.TRUE.equals(data.getBoolean("final")) ? "caller: " + data.getString("text") : "";
            case "transcript.agent" -> Boolean.TRUE.equals(data.getBoolean("final")) ? "agent: " + data.getString("text") : "";
            case "tool.called", "tool.result" -> event.getString("type") + " " + data.getString("name");
            default -> "";
        };
    }

    private static List<JsonObject> ofCall(String sid) {
        return events.stream().filter(e -> sid.equals(e.getString("callSid"))).toList();
    }

    private static JsonObject detail(String sid) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + control.port() + "/api/calls/" + sid)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
