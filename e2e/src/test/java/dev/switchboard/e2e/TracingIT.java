package dev.switchboard.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.e2e.OtlpReceiver.Received;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One local call with both services exporting their spans over OTLP/HTTP (docs/operations.md, "Tracing") to an
 * in-process receiver: the call is one trace across both services, from control-api's dial through the gateway's
 * /twiml, media stream, Realtime connection, turns and tools, back into control-api's link events, Twilio status
 * callbacks and the outcome webhook, and no span says a phone number or a secret.
 */
class TracingIT {

    private static final String AUTH_TOKEN = "e2e-twilio-auth-token";
    private static final String INTERNAL_TOKEN = "e2e-internal-token";
    private static final String CALLEE = "+15551230000";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static OtlpReceiver otlp;
    private static HttpServer hooks;
    private static final List<String> hookTraceparents = new CopyOnWriteArrayList<>();
    private static ServiceProcess control;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startServices() throws Exception {
        otlp = new OtlpReceiver();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("traceparent")).ifPresent(hookTraceparents::add);
                exchange.sendResponseHeaders(204, -1);
            }
        });
        hooks.start();
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("switchboard-tracing");
        int controlPort = freePort();
        int gatewayPort = freePort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        Map<String, String> tracing = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        control = ServiceProcess.start(root, "control-api", controlPort, with(tracing, "PUBLIC_URL", controlUrl,
                "GATEWAY_PUBLIC_URL", gatewayUrl, "SWITCHBOARD_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN), work, List.of());
        gateway = ServiceProcess.start(root, "call-gateway", gatewayPort, with(tracing, "PUBLIC_URL", gatewayUrl,
                "CONTROL_API_URL", controlUrl, "SWITCHBOARD_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN), work, List.of());
        control.awaitReady(Duration.ofSeconds(90));
        gateway.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (control != null) {
            control.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    void aLocalCallIsOneTraceAcrossBothServices() throws Exception {
        HttpResponse<String> subscribed = post("/api/webhooks", new JsonObject()
                .put("url", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook")
                .put("events", List.of("call.completed")).encode());
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        String webhookSecret = new JsonObject(subscribed.body()).getString("secret");
        HttpResponse<String> placed = post("/api/calls", "{\"to\": \"" + CALLEE + "\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String sid = new JsonObject(placed.body()).getString("sid");

        Set<String> expected = Set.of("call.dial", "twiml", "call", "realtime.connect", "realtime.response",
                "tool.call", "link.event", "twilio.status", "webhook.deliver");
        await().atMost(150, TimeUnit.SECONDS).until(() -> ofCall(sid).stream().map(Received::name)
                .collect(Collectors.toSet()).containsAll(expected) && !hookTraceparents.isEmpty());
        List<Received> spans = ofCall(sid);

        assertThat(spans.stream().map(Received::traceId).distinct()).as("trace ids of the call's spans").hasSize(1);
        String traceId = spans.get(0).traceId();
        assertThat(spans.stream().map(Received::service).distinct())
                .containsExactlyInAnyOrder("control-api", "call-gateway");
        Received dial = one(spans, "call.dial");
        Received twiml = one(spans, "twiml");
        Received call = one(spans, "call");
        assertThat(dial.service()).isEqualTo("control-api");
        assertThat(dial.parentSpanId()).isEmpty();
        assertThat(twiml.service()).isEqualTo("call-gateway");
        assertThat(twiml.parentSpanId()).isEqualTo(dial.spanId());
        assertThat(call.parentSpanId()).isEqualTo(twiml.spanId());
        assertThat(call.attributes()).containsEntry("profile", "default").containsEntry("call.end_reason", "agent-hung-up");
        assertThat(spans).filteredOn(span -> Set.of("realtime.connect", "realtime.response", "tool.call")
                .contains(span.name())).allSatisfy(span -> {
                    assertThat(span.parentSpanId()).isEqualTo(call.spanId());
                    assertThat(span.attributes()).containsEntry("profile", "default");
                });
        assertThat(spans).filteredOn(span -> span.name().equals("tool.call"))
                .extracting(span -> span.attributes().get("tool.name")).contains("lookup_order", "end_call");
        assertThat(spans).filteredOn(span -> span.name().equals("link.event"))
                .extracting(span -> span.attributes().get("link.type")).contains("call.started", "call.ended");
        assertThat(spans).filteredOn(span -> span.name().equals("twilio.status"))
                .extracting(span -> span.attributes().get("call.status")).contains("ringing", "completed");
        assertThat(hookTraceparents).anyMatch(header -> header.startsWith("00-" + traceId + "-"));

        List<String> secrets = List.of(CALLEE, CALLEE.substring(1), "+15550100000", AUTH_TOKEN, INTERNAL_TOKEN,
                webhookSecret);
        for (Received span : otlp.spans()) {
            span.attributes().forEach((key, value) -> {
                assertThat(value).as(span.name() + " " + key).doesNotContain(secrets).doesNotContain("token=");
            });
        }
        assertThat(otlp.refused()).isEmpty();
    }

    private static List<Received> ofCall(String sid) {
        String traceId = otlp.spans().stream().filter(span -> span.name().equals("call.dial")
                && sid.equals(span.attributes().get("call.sid"))).map(Received::traceId).findFirst().orElse(null);
        return otlp.spans().stream().filter(span -> sid.equals(span.attributes().get("call.sid"))
                || span.traceId().equals(traceId)).toList();
    }

    private static Received one(List<Received> spans, String name) {
        List<Received> named = spans.stream().filter(span -> span.name().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
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
