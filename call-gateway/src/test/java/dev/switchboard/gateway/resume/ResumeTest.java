package dev.switchboard.gateway.resume;

import com.twilio.security.RequestValidator;
import dev.switchboard.gateway.control.ControlConnector;
import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeControl;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /twiml/resume and the resumed stream: the call goes on with its conversation, or ends when it must. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@WithTestResource(FakeControlApi.class)
class ResumeTest {

    private static final Pattern ACTION = Pattern.compile(
            "<Connect action=\"https://gateway\\.test/twiml/resume\\?attempt=(\\d+)&amp;at=(\\d+)\">");
    private static final Pattern PARAMETER = Pattern.compile("<Parameter name=\"(\\w+)\" value=\"([^\"]*)\"/>");

    @InjectFakeControl
    FakeControl controlApi;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    ControlConnector connector;

    @Inject
    Resumptions resumptions;

    private String sid;

    @BeforeEach
    void linked() {
        openai.reset();
        controlApi.refusing = false;
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        sid = "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void everyCallsTwimlNamesTheResumeUrlAsItsConnectAction() {
        Map<String, String> form = form(sid);
        String xml = given().formParams(form)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", form))
                .post("/twiml").then().statusCode(200).extract().asString();

        assertThat(xml).contains("<Connect action=\"https://gateway.test/twiml/resume\">");
    }

    @Test
    void aResumedCallGetsItsConversationBackWithoutAGreetingAndSaysTheResumptionLine() throws Exception {
        controlApi.conversations.put(sid, conversation(true));
        String xml = resume(sid, 200);
        assertThat(xml).contains("<Connect action=\"https://gateway.test/twiml/resume?attempt=2&amp;at=");
        Map<String, String> parameters = parameters(xml);
        assertThat(parameters).containsEntry("resume", "1").containsKey("streamToken");

        try (FakeTwilioCall twilio = FakeTwilioCall.connect(sid, parameters)) {
            FakeRealtimeSession session = openai.nextSession();
            await().until(() -> !session.received("response.create").isEmpty());
            assertThat(session.received("session.update").getLast().getJsonObject("session")
                    .getString("instructions")).isEqualTo("You resume calls.");
            List<JsonObject> items = session.received("conversation.item.create").stream()
                    .map(event -> event.getJsonObject("item")).toList();
            assertThat(items).extracting(item -> item.getString("type"))
                    .containsExactly("message", "message", "function_call", "function_call_output");
            assertThat(items.get(0).getString("role")).isEqualTo("assistant");
            assertThat(items.get(0).getJsonArray("content").getJsonObject(0).getString("type"))
                    .isEqualTo("output_text");
            assertThat(items.get(1).getJsonArray("content").getJsonObject(0).getString("text"))
                    .isEqualTo("Where is my order?");
            assertThat(items.get(2).getString("call_id")).isEqualTo("call_1");
            assertThat(items.get(3).getString("output")).isEqualTo("{\"status\":\"shipped\"}");
            List<JsonObject> responses = session.received("response.create");
            assertThat(responses).hasSize(1);
            String instructions = responses.getFirst().getJsonObject("response").getString("instructions");
            assertThat(instructions).contains("Sorry, the line dropped for a moment.").doesNotContain("Greet");

            JsonObject resumed = ofCall("call.resumed");
            assertThat(resumed.getString("source")).isEqualTo("control-api");
            assertThat(resumed.getInteger("restoredItems")).isEqualTo(4);
            assertThat(resumed.getBoolean("agentCut")).isTrue();
            assertThat(resumed.getLong("profileVersion")).isEqualTo(7);
        }
    }

    @Test
    void aResumedCallNumbersItsItemsAfterTheOnesItWasGiven() throws Exception {
        controlApi.conversations.put(sid, conversation(false));
        try (FakeTwilioCall twilio = FakeTwilioCall.connect(sid, parameters(resume(sid, 200)))) {
            FakeRealtimeSession session = openai.nextSession();
            await().until(() -> !session.received("conversation.item.create").isEmpty());
            assertThat(session.received("response.create")).isEmpty();
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_stopped").put("item_id", "i9"));
            session.send(new JsonObject().put("type", "conversation.item.input_audio_transcription.completed")
                    .put("item_id", "i9").put("content_index", 0).put("transcript", "Thanks, bye."));

            JsonObject item = ofCall("conversation.item");
            assertThat(item.getLong("index")).isEqualTo(5);
            assertThat(item.getString("text")).isEqualTo("Thanks, bye.");
        }
    }

    @Test
    void aCallsItemsGoOverTheLinkInTheOrderTheyEnteredTheConversation() throws Exception {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(sid)) {
            FakeRealtimeSession session = openai.nextSession();
            await().until(session::acknowledgedUpdate);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_stopped").put("item_id", "u1"));
            session.send(new JsonObject().put("type", "response.output_audio_transcript.delta").put("item_id", "a1")
                    .put("delta", "Let me"));
            session.send(new JsonObject().put("type", "conversation.item.input_audio_transcription.completed")
                    .put("item_id", "u1").put("content_index", 0).put("transcript", "Where is my order?"));
            session.send(new JsonObject().put("type", "response.output_audio_transcript.done").put("item_id", "a1")
                    .put("transcript", "Let me check."));

            JsonObject started = ofCall("conversation.item");
            JsonObject caller = ofCall("conversation.item");
            JsonObject agent = ofCall("conversation.item");
            assertThat(started.getLong("index")).isEqualTo(1);
            assertThat(started.getString("status")).isEqualTo("in_progress");
            assertThat(caller.getLong("index")).isEqualTo(0);
            assertThat(caller.getString("role")).isEqualTo("user");
            assertThat(caller.getString("text")).isEqualTo("Where is my order?");
            assertThat(agent.getLong("index")).isEqualTo(1);
            assertThat(agent.getString("status")).isEqualTo("completed");
            assertThat(agent.getString("text")).isEqualTo("Let me check.");
        }
    }

    @Test
    void aResumedStreamOnAnInstanceThatDidNotAnswerTheResumeFetchesTheConversationItself() throws Exception {
        controlApi.conversations.put(sid, conversation(false));
        Map<String, String> parameters = parameters(resume(sid, 200));
        // As if another instance had answered /twiml/resume: nothing is waiting here for this stream.
        assertThat(resumptions.claim(sid)).isNotNull();

        try (FakeTwilioCall twilio = FakeTwilioCall.connect(sid, parameters)) {
            FakeRealtimeSession session = openai.nextSession();
            await().until(() -> session.received("conversation.item.create").size() == 5);
            assertThat(session.received("response.create")).as("no greeting").isEmpty();
            assertThat(ofCall("call.resumed").getString("source")).isEqualTo("control-api");
        }
    }

    @Test
    void aCallThatEndedOrWasTransferredIsNotResumed() {
        controlApi.conversations.put(sid, conversation(false).put("ending",
                new JsonObject().put("reason", "agent-hung-up")));
        assertThat(resume(sid, 200)).contains("<Hangup/>").doesNotContain("<Stream");

        String transferred = "CA" + UUID.randomUUID().toString().replace("-", "");
        controlApi.conversations.put(transferred, conversation(false).put("ending",
                new JsonObject().put("reason", "transferred").put("transferTarget", "+15005550009")));
        assertThat(resume(transferred, 200)).contains("<Dial><Number>+15005550009</Number></Dial>");
    }

    @Test
    void withoutControlApisCopyTheCallResumesFromNothingAndSaysSo() throws Exception {
        try (FakeTwilioCall twilio = FakeTwilioCall.connect(sid, parameters(resume(sid, 200)))) {
            FakeRealtimeSession session = openai.nextSession();
            JsonObject resumed = ofCall("call.resumed");
            assertThat(resumed.getString("source")).isEqualTo("none");
            assertThat(ofCall("call.error").getString("message")).contains("control-api could not be reached");
            await().until(session::acknowledgedUpdate);
            assertThat(session.received("response.create")).isEmpty();
        }
    }

    @Test
    void aFirstResumeNumbersTheNextAttemptInItsActionUrlWithoutAPause() {
        long before = System.currentTimeMillis();
        String xml = resume(sid, 200);

        Matcher action = ACTION.matcher(xml);
        assertThat(action.find()).isTrue();
        assertThat(action.group(1)).isEqualTo("2");
        assertThat(Long.parseLong(action.group(2))).isBetween(before, System.currentTimeMillis());
        assertThat(xml).doesNotContain("<Pause").doesNotContain("<Say");
    }

    @Test
    void aResumeBackAtOnceFromAFailedStreamPausesBeforeTheNextOne() {
        double failed = resumes("failed");
        String xml = resume(sid, "attempt=2&at=" + System.currentTimeMillis(), 200);

        assertThat(xml).contains("<Pause length=\"1\"/><Connect action=\"https://gateway.test/twiml/resume"
                + "?attempt=3&amp;at=");
        assertThat(resumes("failed")).isEqualTo(failed + 1);
    }

    @Test
    void theLastAttemptStillGetsAStream() {
        String xml = resume(sid, "attempt=3&at=" + (System.currentTimeMillis() - 5_000), 200);

        assertThat(xml).contains("/twiml/resume?attempt=4&amp;at=").contains("<Stream").doesNotContain("<Pause");
    }

    @Test
    void aResumeAfterTheLastAttemptEndsTheCallWithTheEndLineAndSaysWhy() throws Exception {
        double ended = resumes("ended");
        String xml = resume(sid, "attempt=4&at=" + System.currentTimeMillis(), 200);

        assertThat(xml).endsWith("<Response><Say>Sorry, we lost the connection. Please call us back.</Say>"
                + "<Hangup/></Response>");
        assertThat(resumes("ended")).isEqualTo(ended + 1);
        assertThat(ofCall("call.ended").getString("reason")).isEqualTo("resume-failed");
    }

    @Test
    void aStreamThatHeldTheCallStartsTheCountAgain() {
        String xml = resume(sid, "attempt=4&at=" + (System.currentTimeMillis() - 60_000), 200);

        assertThat(xml).contains("/twiml/resume?attempt=2&amp;at=").contains("<Stream");
    }

    @Test
    void theAttemptIsSignedWithTheUrlSoARaisedOrDroppedOneIsRefused() {
        Map<String, String> form = form(sid);
        String signed = TwilioSigner.PUBLIC_BASE + "/twiml/resume?attempt=4&at=1";
        String signature = TwilioSigner.sign(signed, form);
        assertThat(new RequestValidator(TwilioSigner.TOKEN).validate(signed, form, signature)).isTrue();

        given().formParams(form).header("X-Twilio-Signature", signature).post("/twiml/resume?attempt=1&at=1")
                .then().statusCode(403);
        given().formParams(form).header("X-Twilio-Signature", signature).post("/twiml/resume")
                .then().statusCode(403);
        given().formParams(form).header("X-Twilio-Signature", signature).post("/twiml/resume?attempt=4&at=1")
                .then().statusCode(200);
    }

    @Test
    void aResumeRequestWithoutAValidSignatureIsRefused() {
        given().formParams(form(sid)).header("X-Twilio-Signature", "forged").post("/twiml/resume")
                .then().statusCode(403);
    }

    private JsonObject ofCall(String type) throws InterruptedException {
        while (true) {
            JsonObject frame = controlApi.nextOfType(type);
            if (sid.equals(frame.getString("callSid"))) {
                return frame.getJsonObject("data");
            }
        }
    }

    private static String resume(String callSid, int status) {
        return resume(callSid, null, status);
    }

    private static String resume(String callSid, String query, int status) {
        // Twilio posts the standard call parameters to the action URL, signed like any webhook (query included).
        Map<String, String> form = form(callSid);
        String path = "/twiml/resume" + (query == null ? "" : "?" + query);
        return given().formParams(form)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + path, form))
                .post(path).then().statusCode(status).extract().asString();
    }

    private static double resumes(String outcome) {
        Matcher matcher = Pattern.compile("switchboard_call_resumes_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} ([0-9.E+-]+)").matcher(given().get("/q/metrics").then().extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static Map<String, String> form(String callSid) {
        return Map.of("CallSid", callSid, "From", "+15005550006", "To", "+15005550001", "Direction", "inbound",
                "AccountSid", "AC00000000000000000000000000000000", "CallStatus", "in-progress");
    }

    private static Map<String, String> parameters(String xml) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(xml);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        return parameters;
    }

    private JsonObject conversation(boolean cut) {
        JsonArray items = new JsonArray()
                .add(message(0, "assistant", "completed", "Hello, how can I help?"))
                .add(message(1, "user", "completed", "Where is my order?"))
                .add(new JsonObject().put("index", 2).put("itemType", "function_call").put("status", "completed")
                        .put("name", "lookup_order").put("callId", "call_1").put("arguments", "{\"order_id\":\"4217\"}"))
                .add(new JsonObject().put("index", 3).put("itemType", "function_call_output")
                        .put("status", "completed").put("callId", "call_1").put("output", "{\"status\":\"shipped\"}"));
        items.add(cut ? message(4, "assistant", "in_progress", null)
                : message(4, "assistant", "completed", "It has shipped."));
        return new JsonObject().put("callSid", sid).put("items", items).put("profile", "default")
                .put("profileVersion", 7).put("config", new JsonObject().put("version", 7)
                        .put("instructions", "You resume calls.").put("voice", "alloy").put("greeting", "Hi there!")
                        .put("tools", new JsonArray()).put("profile", "default"));
    }

    private static JsonObject message(long index, String role, String status, String text) {
        JsonObject item = new JsonObject().put("index", index).put("itemType", "message").put("role", role)
                .put("status", status);
        return text == null ? item : item.put("text", text);
    }
}
