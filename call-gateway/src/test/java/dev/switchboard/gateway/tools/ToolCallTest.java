package dev.switchboard.gateway.tools;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.RecordedEvents;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class ToolCallTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    AgentConfigs configs;

    @Inject
    RecordedEvents events;

    private AgentConfig original;

    @BeforeEach
    void offerTestTools() {
        openai.reset();
        original = configs.current();
        List<AgentConfig.Tool> tools = new ArrayList<>(original.tools());
        for (String name : List.of("echo_test", "never_answers_test", "throws_test")) {
            tools.add(new AgentConfig.Tool(name, "builtin", null, null, null, null, true));
        }
        tools.add(new AgentConfig.Tool("disabled_test", "builtin", "off", Map.of(), null, null, false));
        configs.apply(new AgentConfig(5, original.instructions(), original.voice(), null,
                original.turnDetection(), original.transcription(), tools));
    }

    @AfterEach
    void restore() {
        configs.apply(original);
    }

    @Test
    void theSessionOffersEveryEnabledToolTheGatewayCanRun() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_0")) {
            JsonObject update = openai.nextSession().await("session.update");
            assertThat(update.getJsonObject("session").getJsonArray("tools").stream()
                    .map(t -> ((JsonObject) t).getString("name")))
                    .containsExactly("end_call", "lookup_order", "echo_test", "never_answers_test", "throws_test");
        }
    }

    @Test
    void aToolResultGoesBackToTheModelFollowedByAResponse() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_1")) {
            FakeRealtimeSession session = ready();
            call(session, "echo_test", "call_1", "{\"order\":\"42\"}");
            JsonObject item = session.await("conversation.item.create").getJsonObject("item");
            assertThat(item.getString("type")).isEqualTo("function_call_output");
            assertThat(item.getString("call_id")).isEqualTo("call_1");
            assertThat(new JsonObject(item.getString("output")).getJsonObject("echo").getString("order"))
                    .isEqualTo("42");
            session.await("response.create");
            LinkFrame called = events.await("CA_tool_1", LinkType.TOOL_CALLED);
            assertThat(called.data()).containsEntry("name", "echo_test").containsEntry("callId", "call_1");
            assertThat(events.await("CA_tool_1", LinkType.TOOL_RESULT).data()).containsEntry("callId", "call_1");
        }
    }

    @Test
    void theAnswersResponseWaitsUntilTheResponseThatCalledTheToolIsDone() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_7")) {
            FakeRealtimeSession session = ready();
            // As the Realtime API orders it (protocols §5.5): the call's arguments, its item, then response.done.
            session.send(new JsonObject().put("type", "response.created").put("response",
                    new JsonObject().put("id", "resp_t").put("status", "in_progress")));
            call(session, "no_such_tool", "call_8", "{}");
            call(session, "echo_test", "call_9", "{}");
            session.await("conversation.item.create");
            session.await("conversation.item.create");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> session.received("response.create").isEmpty());
            session.send(new JsonObject().put("type", "response.done").put("response",
                    new JsonObject().put("id", "resp_t").put("status", "completed")));
            session.await("response.create");
            // Both answers are spoken by one response: a second response.create would be refused.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> session.received("response.create").size() == 1);
        }
    }

    @Test
    void aFunctionCallAnnouncedTwiceRunsOnce() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_2")) {
            FakeRealtimeSession session = ready();
            call(session, "echo_test", "call_2", "{}");
            session.send(new JsonObject().put("type", "response.output_item.done").put("item", new JsonObject()
                    .put("type", "function_call").put("name", "echo_test").put("call_id", "call_2")
                    .put("arguments", "{}")));
            session.await("conversation.item.create");
            call(session, "echo_test", "call_3", "{}");
            assertThat(session.await("conversation.item.create").getJsonObject("item").getString("call_id"))
                    .isEqualTo("call_3");
        }
    }

    @Test
    void aToolThatNeverAnswersIsReportedToTheModelAsTimedOut() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_3")) {
            FakeRealtimeSession session = ready();
            call(session, "never_answers_test", "call_4", "{}");
            JsonObject item = session.await("conversation.item.create").getJsonObject("item");
            assertThat(item.getString("output")).contains("did not answer in time");
            session.await("response.create");
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void failingUnknownAndMalformedCallsAreAnsweredAsErrorsWithoutDetails() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_4")) {
            FakeRealtimeSession session = ready();
            call(session, "throws_test", "call_5", "{}");
            String failed = session.await("conversation.item.create").getJsonObject("item").getString("output");
            assertThat(failed).contains("error").doesNotContain("secret");
            call(session, "no_such_tool", "call_6", "{}");
            assertThat(session.await("conversation.item.create").getJsonObject("item").getString("output"))
                    .contains("no tool named no_such_tool");
            call(session, "echo_test", "call_7", "{not json");
            assertThat(session.await("conversation.item.create").getJsonObject("item").getString("output"))
                    .contains("not a JSON object");
            assertThat(events.await("CA_tool_4", LinkType.TOOL_RESULT).data()).containsEntry("error", true);
        }
    }

    @Test
    void endCallWaitsForTheFarewellToPlayThenClosesBothLegs() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_5")) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = ready();
            session.send(new JsonObject().put("type", "response.created").put("response",
                    new JsonObject().put("id", "resp_bye")));
            session.audioDelta("resp_bye", "item_bye", Audio.frame(1, 200));
            session.audioDelta("resp_bye", "item_bye", Audio.frame(2, 200));
            call(session, "end_call", "call_bye", "{\"reason\":\"caller said goodbye\"}");
            session.send(new JsonObject().put("type", "response.done").put("response",
                    new JsonObject().put("id", "resp_bye").put("status", "completed")));
            JsonObject output = session.await("conversation.item.create").getJsonObject("item");
            assertThat(output.getString("call_id")).isEqualTo("call_bye");
            twilio.await("mark");
            twilio.await("mark");
            twilio.ackMark("item_bye:200");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !twilio.isClosed());
            twilio.ackMark("item_bye:400");
            await().atMost(Duration.ofSeconds(1)).until(twilio::isClosed);
            await().atMost(Duration.ofSeconds(1)).until(session::isClosed);
            assertThat(twilio.closeCode()).isEqualTo(1000);
            assertThat(session.received("response.create")).isEmpty();
            assertThat(events.await("CA_tool_5", LinkType.CALL_ENDED).data()).containsEntry("reason", "agent-hung-up");
        }
    }

    @Test
    void endCallHangsUpAfterTheFarewellTimeoutWhenTwilioNeverAcknowledges() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_tool_6")) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = ready();
            session.audioDelta("resp_bye", "item_bye", Audio.frame(1, 200));
            call(session, "end_call", "call_bye", "{}");
            twilio.await("mark");
            await().atMost(Duration.ofSeconds(6)).until(twilio::isClosed);
            assertThat(events.await("CA_tool_6", LinkType.CALL_ENDED).data()).containsEntry("reason", "agent-hung-up");
        }
    }

    private FakeRealtimeSession ready() {
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        return session;
    }

    private static void call(FakeRealtimeSession session, String name, String callId, String arguments) {
        session.send(new JsonObject().put("type", "response.function_call_arguments.done")
                .put("response_id", "resp_t").put("item_id", "fc_" + callId).put("output_index", 0)
                .put("call_id", callId).put("name", name).put("arguments", arguments));
    }
}
