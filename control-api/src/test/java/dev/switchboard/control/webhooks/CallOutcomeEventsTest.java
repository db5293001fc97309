package dev.switchboard.control.webhooks;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.TwilioCallbacks.callback;
import static dev.switchboard.control.support.TwilioCallbacks.postSigned;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/** A call as a gateway reports it over the link, and the outcome webhooks a subscriber gets for it. */
@QuarkusTest
class CallOutcomeEventsTest extends SocketTest {

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();
    private final Instant start = Instant.parse("2026-11-21T10:00:00Z");

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> api().delete("/api/webhooks/{id}", id));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void callCompletedCarriesTheUsageTheGatewayReportedEvenWhenTwilioSaidCompletedFirst() throws Exception {
        WebhookReceiver receiver = receiver();
        String secret = subscribe(receiver.url());
        String sid = Calls.sid();
        try (TestSocket gateway = gateway()) {
            gateway.next();
            gateway.send(event("call.started", sid, 0, new JsonObject().put("direction", "outbound-api")));
            gateway.send(event("transcript.agent", sid, 1, line("Hello, how can I help?", "item_a1")));
            gateway.send(event("transcript.caller", sid, 2, line("Where is my order?", "item_c1")));
            gateway.send(event("tool.called", sid, 3, new JsonObject().put("name", "lookup_order")
                    .put("callId", "call_1").put("arguments", "{\"order_id\":\"4217\"}")));
            gateway.send(event("tool.result", sid, 4, new JsonObject().put("name", "lookup_order")
                    .put("callId", "call_1").put("output", "{\"status\":\"shipped\"}")));
            gateway.send(event("transcript.agent", sid, 5, line("It has shipped.", "item_a2")));
            await().untilAsserted(() -> api().get("/api/calls/{sid}", sid).then().body("toolCalls.size()", is(1)));

            postSigned(callback(sid, "completed", 9)).then().statusCode(204);
            gateway.send(event("call.ended", sid, 6, new JsonObject().put("reason", "caller hung up")
                    .put("durationMs", 41200).put("usage", new JsonObject().put("inputTextTokens", 420)
                            .put("inputAudioTokens", 120).put("cachedTextTokens", 192).put("cachedAudioTokens", 32)
                            .put("outputTextTokens", 50).put("outputAudioTokens", 240))));

            await().atMost(Duration.ofSeconds(10)).until(() -> types(receiver, sid).contains("call.completed"));
        }
        assertThat(types(receiver, sid)).containsExactly("call.answered", "call.tool", "call.transcript",
                "call.completed");
        for (WebhookReceiver.Received r : receiver.acceptedForCall(sid)) {
            assertThat(r.headers().get("webhook-signature")).isEqualTo(signature(secret, r));
        }
        JsonObject tool = data(receiver, sid, "call.tool");
        assertThat(tool.getString("name")).isEqualTo("lookup_order");
        assertThat(tool.getString("result")).isEqualTo("{\"status\":\"shipped\"}");
        assertThat(tool.getLong("durationMs")).isEqualTo(1000L);
        JsonArray lines = data(receiver, sid, "call.transcript").getJsonArray("lines");
        assertThat(lines.stream().map(l -> ((JsonObject) l).getString("speaker") + ": "
                + ((JsonObject) l).getString("text"))).containsExactly("agent: Hello, how can I help?",
                "caller: Where is my order?", "agent: It has shipped.");
        JsonObject usage = data(receiver, sid, "call.completed").getJsonObject("usage");
        assertThat(usage.getJsonObject("tokens").getLong("outputAudio")).isEqualTo(240L);
        assertThat(usage.getJsonObject("tokens").getLong("total")).isEqualTo(830L);
        assertThat(usage.getLong("durationSeconds")).isEqualTo(42L);
        assertThat(usage.getJsonObject("estimatedCost").getString("currency")).isEqualTo("USD");
        assertThat(usage.getJsonObject("estimatedCost").getDouble("total")).isEqualTo(0.033978);

        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("usage.tokens.inputText", is(420),
                "usage.tokens.cachedAudio", is(32), "usage.durationSeconds", is(42),
                "usage.estimatedCost.breakdown.twilio", is(0.014f));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().get("/api/calls/{sid}", sid).then()
                .body("usage.twilioPrice.amount", is(0.014f), "usage.twilioPrice.currency", is("USD")));
    }

    @Test
    void aHeldCallCompletedGoesOutWithoutUsageWhenTheGatewayNeverReports() throws Exception {
        WebhookReceiver receiver = receiver();
        subscribe(receiver.url());
        String sid = Calls.sid();
        try (TestSocket gateway = gateway()) {
            gateway.next();
            gateway.send(event("call.started", sid, 0, new JsonObject().put("direction", "outbound-api")));
            await().until(() -> types(receiver, sid).contains("call.answered"));
        }
        Instant completed = Instant.now();
        postSigned(callback(sid, "completed", 9)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> types(receiver, sid).contains("call.completed"));
        WebhookReceiver.Received last = accepted(receiver, sid).get(1);
        assertThat(Duration.between(completed, last.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        JsonObject usage = last.json().getJsonObject("data").getJsonObject("usage", new JsonObject());
        assertThat(usage.containsKey("tokens")).isFalse();
    }

    private JsonObject event(String type, String sid, int second, JsonObject data) {
        return TestSocket.event(type, sid, data).put("at", start.plusSeconds(second).toString());
    }

    private static JsonObject line(String text, String itemId) {
        return new JsonObject().put("text", text).put("final", true).put("itemId", itemId);
    }

    /** Event types in order of first arrival (delivery is at least once: a slow answer may be sent again). */
    private static List<String> types(WebhookReceiver receiver, String sid) {
        return accepted(receiver, sid).stream().map(r -> r.json().getString("type")).toList();
    }

    private static List<WebhookReceiver.Received> accepted(WebhookReceiver receiver, String sid) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return receiver.acceptedForCall(sid).stream().filter(r -> seen.add(r.headers().get("webhook-id"))).toList();
    }

    private static JsonObject data(WebhookReceiver receiver, String sid, String type) {
        return receiver.acceptedForCall(sid).stream().filter(r -> type.equals(r.json().getString("type")))
                .findFirst().orElseThrow().json().getJsonObject("data");
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver(0, 204);
        receivers.add(receiver);
        return receiver;
    }

    private String subscribe(String url) {
        var body = api().contentType(JSON).body("{\"url\": \"%s\", \"events\": [\"*\"]}".formatted(url))
                .post("/api/webhooks").then().statusCode(201).extract();
        subscriptions.add(body.path("id"));
        return body.path("secret");
    }

    private static String signature(String secret, WebhookReceiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
