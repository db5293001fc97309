package dev.switchboard.gateway.tools;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.control.ControlConnector;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeControl;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@WithTestResource(FakeControlApi.class)
class DoNotCallToolTest {

    @InjectFakeControl
    FakeControl controlApi;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    @Inject
    ControlConnector connector;

    private AgentConfig original;

    @BeforeEach
    void linkedWithDoNotCallEnabled() {
        openai.reset();
        controlApi.refusing = false;
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        original = configs.current();
        List<AgentConfig.Tool> tools = new ArrayList<>(original.tools());
        tools.add(new AgentConfig.Tool("do_not_call", "builtin", null, null, null, null, true));
        configs.apply(new AgentConfig(original.version() + 1, original.instructions(), original.voice(), null,
                original.turnDetection(), original.transcription(), tools));
    }

    @AfterEach
    void restore() {
        controlApi.refusing = false;
        configs.apply(original);
    }

    @Test
    void theModelsDoNotCallSendsCallSuppressWithoutTheNumberAndConfirmsToTheModel() {
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = ready();
            assertThat(offeredTools(session)).contains("do_not_call");

            call(session, "call_d", "{\"reason\":\"asked never to be called again\"}");

            JsonObject frame = awaitSuppress(sid);
            assertThat(frame.getJsonObject("data").getMap()).containsOnlyKeys("reason")
                    .containsEntry("reason", "asked never to be called again");
            assertThat(frame.getLong("seq")).isPositive();
            JsonObject output = session.await("conversation.item.create").getJsonObject("item");
            assertThat(output.getString("type")).isEqualTo("function_call_output");
            assertThat(output.getString("call_id")).isEqualTo("call_d");
            assertThat(new JsonObject(output.getString("output")).getBoolean("ok")).isTrue();
            assertThat(output.getString("output")).contains("will not be called again");
            session.await("response.create");
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void withTheLinkDownTheSuppressionWaitsInTheOutboxAndArrivesOnceLinked() {
        controlApi.refusing = true;
        controlApi.dropLink();
        await().until(() -> !connector.isLinked());
        String sid = sid();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = ready();
            call(session, "call_q", "{}");
            assertThat(session.await("conversation.item.create").getJsonObject("item").getString("output"))
                    .contains("\"ok\":true");

            controlApi.refusing = false;
            JsonObject frame = awaitSuppress(sid);
            assertThat(frame.getJsonObject("data").getString("reason")).isEqualTo("the caller asked not to be called again");
        }
    }

    @Test
    void aProfileThatDoesNotEnableItDoesNotOfferIt() {
        configs.apply(original);
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid())) {
            assertThat(offeredTools(ready())).doesNotContain("do_not_call");
        }
    }

    private FakeRealtimeSession ready() {
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        return session;
    }

    private static List<String> offeredTools(FakeRealtimeSession session) {
        return Optional.ofNullable(session.received("session.update").getFirst().getJsonObject("session")
                .getJsonArray("tools")).map(tools -> tools.stream().map(t -> ((JsonObject) t).getString("name"))
                .toList()).orElse(List.of());
    }

    private static void call(FakeRealtimeSession session, String callId, String arguments) {
        session.send(new JsonObject().put("type", "response.function_call_arguments.done")
                .put("response_id", "resp_d").put("item_id", "fc_" + callId).put("output_index", 0)
                .put("call_id", callId).put("name", "do_not_call").put("arguments", arguments));
    }

    private JsonObject awaitSuppress(String sid) {
        await().atMost(Duration.ofSeconds(10)).until(() -> controlApi.received.stream().anyMatch(f -> isSuppress(f, sid)));
        return controlApi.received.stream().filter(f -> isSuppress(f, sid)).findFirst().orElseThrow();
    }

    private static boolean isSuppress(JsonObject frame, String sid) {
        return "call.suppress".equals(frame.getString("type")) && sid.equals(frame.getString("callSid"));
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
