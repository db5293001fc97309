package dev.switchboard.gateway.tools;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(WebhookToolProfile.class)
@WithTestResource(FakeRealtimeServer.class)
class WebhookToolTest {

    private static ToolServer server;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    private AgentConfig original;

    @BeforeAll
    static void startToolServer() {
        server = new ToolServer();
    }

    @AfterAll
    static void stopToolServer() {
        server.close();
    }

    @BeforeEach
    void offerWebhookTools() {
        openai.reset();
        original = configs.current();
        Map<String, Object> orderSchema = Map.of("type", "object",
                "properties", Map.of("order", Map.of("type", "string")), "required", List.of("order"));
        List<AgentConfig.Tool> tools = new ArrayList<>(original.tools());
        tools.add(webhook("order_status_hook", "/fine", 2000, false, orderSchema));
        tools.add(webhook("slow_lookup", "/slow", 4000, false, orderSchema));
        tools.add(webhook("failing_tool", "/fail", 2000, true, null));
        tools.add(webhook("hanging_tool", "/hang", 800, false, null));
        tools.add(webhook("flaky_idempotent", "/flaky", 3000, true, null));
        tools.add(webhook("unavailable_once", "/unavailable", 2000, false, null));
        tools.add(webhook("huge_tool", "/huge", 2000, false, null));
        tools.add(new AgentConfig.Tool("no_url_tool", "webhook", "bad", null, "ftp://nowhere", 1000, true, false));
        configs.apply(new AgentConfig(7, original.instructions(), original.voice(), null,
                original.turnDetection(), original.transcription(), tools));
    }

    @AfterEach
    void restore() {
        configs.apply(original);
    }

    @Test
    void webhookToolsAreOfferedWithTheirSchemaAndBadUrlsAreNot() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_0")) {
            JsonObject session = openai.nextSession().await("session.update").getJsonObject("session");
            List<JsonObject> tools = session.getJsonArray("tools").stream().map(JsonObject.class::cast).toList();
            assertThat(tools).extracting(t -> t.getString("name")).contains("order_status_hook", "slow_lookup")
                    .doesNotContain("no_url_tool");
            JsonObject lookup = tools.stream().filter(t -> t.getString("name").equals("order_status_hook")).findFirst()
                    .orElseThrow();
            assertThat(lookup.getJsonObject("parameters").getJsonArray("required")).containsExactly("order");
        }
    }

    @Test
    void aFineToolGetsSignedJsonAndItsAnswerReachesTheModel() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_1")) {
            FakeRealtimeSession session = ready();
            call(session, "order_status_hook", "call_fine", "{\"order\":\"4217\"}");
            JsonObject item = session.await("conversation.item.create").getJsonObject("item");
            assertThat(item.getString("call_id")).isEqualTo("call_fine");
            assertThat(new JsonObject(item.getString("output")).getString("status")).isEqualTo("shipped");
            JsonObject respond = session.await("response.create");
            assertThat(respond.getJsonObject("response")).isNull();

            ToolServer.Received request = server.received("/fine").get(server.received("/fine").size() - 1);
            JsonObject body = new JsonObject(request.body());
            assertThat(body.getString("tool")).isEqualTo("order_status_hook");
            assertThat(body.getString("callSid")).isEqualTo("CA_hook_1");
            assertThat(body.getString("callId")).isEqualTo("call_fine");
            assertThat(body.getJsonObject("arguments").getString("order")).isEqualTo("4217");
            assertThat(body.getJsonObject("variables")).isEqualTo(new JsonObject());
            assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
            long timestamp = Long.parseLong(request.headers().get("X-Switchboard-Timestamp"));
            assertThat(timestamp).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
            assertThat(request.headers().get("X-Switchboard-Signature"))
                    .isEqualTo("sha256=" + hmacSha256(WebhookToolProfile.SECRET, timestamp + "." + request.body()))
                    .isNotEqualTo("sha256=" + hmacSha256("another-secret", timestamp + "." + request.body()));
            assertThat(request.headers().get("Idempotency-Key")).isEqualTo("CA_hook_1:call_fine");
        }
    }

    @Test
    void aSlowToolGetsASpokenFillerThenItsAnswerOnceTheFillerIsDone() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_2")) {
            FakeRealtimeSession session = ready();
            call(session, "slow_lookup", "call_slow", "{\"order\":\"1\"}");
            JsonObject filler = session.await("response.create").getJsonObject("response");
            assertThat(filler.getString("conversation")).isEqualTo("none");
            assertThat(filler.getString("instructions")).contains("One moment");
            assertThat(session.received("conversation.item.create")).isEmpty();

            JsonObject item = session.await("conversation.item.create").getJsonObject("item");
            assertThat(new JsonObject(item.getString("output")).getString("status")).isEqualTo("found after a while");
            // The filler is still speaking: the answer's response waits for it.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> session.received("response.create").size() == 1);
            session.send(new JsonObject().put("type", "response.done").put("response", new JsonObject()
                    .put("id", "resp_filler").put("status", "completed")));
            JsonObject answer = session.await("response.create");
            assertThat(answer.getJsonObject("response")).isNull();
        }
    }

    @Test
    void aFailingToolReachesTheModelAsAnErrorWithoutDetailsAndTheCallGoesOn() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_3")) {
            FakeRealtimeSession session = ready();
            int before = server.hits("/fail");
            call(session, "failing_tool", "call_fail", "{}");
            String output = session.await("conversation.item.create").getJsonObject("item").getString("output");
            assertThat(new JsonObject(output).getString("error")).contains("HTTP 500");
            assertThat(output).doesNotContain("secret").doesNotContain("NullPointer");
            session.await("response.create");
            assertThat(server.hits("/fail") - before).as("a 500 is not retried, even when idempotent").isEqualTo(1);
            twilio.media(Audio.frame(3));
            assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(3));
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void aToolThatTimesOutReachesTheModelAsAnErrorInTime() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_4")) {
            FakeRealtimeSession session = ready();
            long started = System.nanoTime();
            call(session, "hanging_tool", "call_hang", "{}");
            String output = session.await("conversation.item.create").getJsonObject("item").getString("output");
            assertThat(new JsonObject(output).getString("error")).isEqualTo("The tool did not answer in time.");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(700),
                    Duration.ofSeconds(5));
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void onlyIdempotentToolsAreRetriedAfterA503() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_5")) {
            FakeRealtimeSession session = ready();
            call(session, "flaky_idempotent", "call_flaky", "{}");
            String retried = session.await("conversation.item.create").getJsonObject("item").getString("output");
            assertThat(new JsonObject(retried).getString("status")).isEqualTo("third time lucky");
            assertThat(server.hits("/flaky")).isEqualTo(3);
            assertThat(server.received("/flaky")).extracting(r -> r.headers().get("Idempotency-Key"))
                    .containsOnly("CA_hook_5:call_flaky");

            int before = server.hits("/unavailable");
            call(session, "unavailable_once", "call_once", "{}");
            String once = session.await("conversation.item.create").getJsonObject("item").getString("output");
            assertThat(new JsonObject(once).getString("error")).contains("HTTP 503");
            assertThat(server.hits("/unavailable") - before).isEqualTo(1);
        }
    }

    @Test
    void anOversizedAnswerIsAnErrorNotAMemorySpike() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_6")) {
            FakeRealtimeSession session = ready();
            call(session, "huge_tool", "call_huge", "{}");
            String output = session.await("conversation.item.create").getJsonObject("item").getString("output");
            assertThat(new JsonObject(output).getString("error")).isEqualTo("The tool's answer was too large.");
        }
    }

    @Test
    void theToolFlagsAreReadFromTheConfigJson() {
        AgentConfig.Tool tool = Json.decodeValue("{\"name\":\"t\",\"kind\":\"webhook\",\"url\":\"https://x.test/t\","
                + "\"timeoutMs\":900,\"enabled\":true,\"idempotent\":true}", AgentConfig.Tool.class);
        assertThat(tool.idempotent()).isTrue();
        assertThat(tool.timeoutMs()).isEqualTo(900);
    }

    @Test
    void aWebhookToolCallSendsItsSpansTraceparent() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hook_trace")) {
            FakeRealtimeSession session = ready();
            call(session, "order_status_hook", "call_traced", "{\"order\":\"4217\"}");
            session.await("conversation.item.create");
            ToolServer.Received request = server.received("/fine").stream()
                    .filter(r -> "CA_hook_trace".equals(new JsonObject(r.body()).getString("callSid")))
                    .findFirst().orElseThrow();
            assertThat(request.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                    .doesNotContain("00000000000000000000000000000000");
        }
    }

    private FakeRealtimeSession ready() {
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        return session;
    }

    private static AgentConfig.Tool webhook(String name, String path, int timeoutMs, boolean idempotent,
                                            Map<String, Object> parameters) {
        return new AgentConfig.Tool(name, "webhook", "test webhook " + name, parameters, server.url(path),
                timeoutMs, true, idempotent);
    }

    private static void call(FakeRealtimeSession session, String name, String callId, String arguments) {
        session.send(new JsonObject().put("type", "response.function_call_arguments.done")
                .put("response_id", "resp_t").put("item_id", "fc_" + callId).put("output_index", 0)
                .put("call_id", callId).put("name", name).put("arguments", arguments));
    }

    private static String hmacSha256(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
