package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class CallQualityMetricsTest {

    private static final String DEFAULT = "profile=\"default\"";

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    RecordedEvents events;

    private int frame;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void aScriptedCallWithABargeInFillsEveryCallQualityMeter() {
        String callSid = "CA_quality_" + System.nanoTime();
        String before = scrape();
        try (FakeTwilioCall twilio = FakeTwilioCall.dial(callSid)) {
            twilio.autoAckMarks = false;
            FakeRealtimeSession session = openai.nextSession();
            session.await("session.update");
            speak(session, twilio, "resp_1", "item_1", 2);

            session.send(new JsonObject().put("type", "input_audio_buffer.speech_stopped"));
            processed(twilio, session);
            speak(session, twilio, "resp_2", "item_2", 3);
            session.send(new JsonObject().put("type", "input_audio_buffer.speech_started"));
            twilio.await("clear");
            session.await("conversation.item.truncate");

            session.send(new JsonObject().put("type", "response.function_call_arguments.done")
                    .put("response_id", "resp_t").put("item_id", "fc_1").put("output_index", 0)
                    .put("call_id", "call_q1").put("name", "lookup_order").put("arguments", "{\"order_id\":\"42\"}"));
            session.await("conversation.item.create");
            session.send(new JsonObject().put("type", "error").put("error", new JsonObject()
                    .put("type", "invalid_request_error").put("code", "quality_test_error").put("message", "test")));

            session.close();
            openai.nextSession().await("session.update");
            await().atMost(Duration.ofSeconds(5)).until(() -> grew(before, scrape(),
                    "switchboard_realtime_connect_seconds_count", DEFAULT, 2));

            String after = scrape();
            assertThat(grew(before, after, "switchboard_first_audio_seconds_count", DEFAULT, 1)).isTrue();
            assertThat(grew(before, after, "switchboard_turn_latency_seconds_count", DEFAULT, 1)).isTrue();
            assertThat(grew(before, after, "switchboard_barge_in_seconds_count", DEFAULT, 1)).isTrue();
            assertThat(grew(before, after, "switchboard_tool_seconds_count", DEFAULT + ",tool=\"lookup_order\"", 1))
                    .isTrue();
            assertThat(grew(before, after, "switchboard_realtime_errors_total", "code=\"quality_test_error\"", 1))
                    .isTrue();
            assertThat(grew(before, after, "switchboard_realtime_reconnects_total", "", 1)).isTrue();
            assertThat(value(after, "switchboard_call_resumes_total", "outcome=\"resumed\"")).isZero();
            assertThat(after).contains("switchboard_turn_latency_seconds_bucket{" + DEFAULT + ",le=\"0.3\"}")
                    .doesNotContain("le=\"0.536870911\"");

            List<LinkFrame> metrics = events.of(callSid, LinkType.CALL_METRICS);
            Map<String, Object> last = metrics.get(metrics.size() - 1).data();
            assertThat(metrics.get(0).data()).containsKey("firstAudioMs").doesNotContainKey("turnLatencyMs");
            assertThat(metrics.get(1).data()).containsKey("turnLatencyMs");
            assertThat(last).containsKey("bargeInMs").containsKey("firstAudioMs");
            assertThat((List<?>) last.get("turnLatenciesMs")).hasSize(1);
            assertThat((List<?>) last.get("bargeInsMs")).hasSize(1);
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static boolean grew(String before, String after, String name, String labels, double by) {
        return value(after, name, labels) - value(before, name, labels) >= by;
    }

    /** The sample of {@code name} whose labels are exactly {@code labels} (in Prometheus' order), 0 when absent. */
    private static double value(String scrape, String name, String labels) {
        String prefix = labels.isEmpty() ? name + " " : name + "{" + labels + "} ";
        return scrape.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim())).findFirst()
                .orElse(0);
    }

    /** The agent sends {@code chunks} deltas of 100 ms each; returns once Twilio has them all. */
    private void speak(FakeRealtimeSession session, FakeTwilioCall twilio, String responseId, String itemId,
                       int chunks) {
        for (int i = 0; i < chunks; i++) {
            session.audioDelta(responseId, itemId, Audio.frame(frame++, 100));
        }
        for (int i = 1; i <= chunks; i++) {
            assertThat(twilio.await("mark").getJsonObject("mark").getString("name")).isEqualTo(itemId + ":" + i * 100);
        }
    }

    /** Returns once every Twilio frame sent so far has been handled (frames of a stream are handled in order). */
    private void processed(FakeTwilioCall twilio, FakeRealtimeSession session) {
        String probe = Audio.frame(5000 + frame++);
        twilio.media(probe);
        while (!session.await("input_audio_buffer.append").getString("audio").equals(probe)) {
            Thread.onSpinWait();
        }
    }
}
