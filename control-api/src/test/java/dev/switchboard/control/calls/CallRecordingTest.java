package dev.switchboard.control.calls;

import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Api.internal;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static dev.switchboard.control.support.TwilioCallbacks.postSignedRecording;
import static dev.switchboard.control.support.TwilioCallbacks.recording;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CallRecordingTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Test
    void aRecordedCallAsksTwilioForADualChannelRecordingReportedToTheSignedCallback() {
        int before = twilio.received().size();
        String sid = api().contentType(JSON).body("{\"to\": \"%s\", \"record\": true}".formatted(uniqueNumber()))
                .post("/api/calls").then().statusCode(201).extract().path("sid");

        FakeTwilio.Received create = twilio.received().get(before);
        assertThat(create.form().get("Record")).isEqualTo("true");
        assertThat(create.form().get("RecordingChannels")).isEqualTo("dual");
        assertThat(create.form().get("RecordingStatusCallback"))
                .isEqualTo("https://control.example.com/twilio/recording");
        assertThat(create.form().getAll("RecordingStatusCallbackEvent")).containsExactly("completed");
        internal().get("/internal/calls/{sid}/context", sid).then().statusCode(200).body("recorded", is(true));
    }

    @Test
    void theRecordFlagIsPartOfTheIdempotencyKeysBody() {
        String key = "rec-" + UUID.randomUUID();
        String to = uniqueNumber();
        api().header("Idempotency-Key", key).contentType(JSON).body("{\"to\": \"%s\"}".formatted(to))
                .post("/api/calls").then().statusCode(201);
        int before = twilio.received().size();

        api().header("Idempotency-Key", key).contentType(JSON).body("{\"to\": \"%s\", \"record\": true}".formatted(to))
                .post("/api/calls").then().statusCode(422).body("code", is("idempotency_key_reused"));
        assertThat(twilio.received()).hasSize(before);
    }

    @Test
    void aCallWithoutRecordAsksForNoRecording() {
        int before = twilio.received().size();
        String sid = api().contentType(JSON).body("{\"to\": \"%s\"}".formatted(uniqueNumber()))
                .post("/api/calls").then().statusCode(201).extract().path("sid");

        assertThat(twilio.received().get(before).form().get("Record")).isNull();
        assertThat(twilio.received().get(before).form().get("RecordingStatusCallback")).isNull();
        assertThat(internal().get("/internal/calls/{sid}/context", sid).then().statusCode(200).extract()
                .jsonPath().getMap("$")).doesNotContainKey("recorded");
    }

    @Test
    void theSignedCallbacksRecordingIsStreamedFromTwilioWithoutItsUrlOrCredentials() {
        String sid = recordedCall();
        String recordingSid = recordingSid();
        byte[] audio = ("RIFF-fake-wav-" + recordingSid).getBytes(StandardCharsets.US_ASCII);
        String url = twilio.serveRecording(apiBase(), recordingSid, audio);
        postSignedRecording(recording(sid, recordingSid, url)).then().statusCode(204);
        Response response = api().get("/api/calls/{sid}/recording", sid);

        response.then().statusCode(200).contentType("audio/wav");
        assertThat(response.asByteArray()).isEqualTo(audio);
        String everything = response.headers().toString() + new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(everything).doesNotContain(FakeTwilio.ACCOUNT_SID).doesNotContain(FakeTwilio.AUTH_TOKEN)
                .doesNotContain(apiBase());
        FakeTwilio.Received fetch = twilio.fetched().stream().filter(got -> got.path().endsWith(recordingSid + ".wav"))
                .findFirst().orElseThrow();
        assertThat(fetch.method()).isEqualTo("GET");
        assertThat(fetch.path()).isEqualTo(url.substring(apiBase().length()) + ".wav");
        assertThat(fetch.authorization()).isEqualTo(FakeTwilio.basicAuth());
        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("recording.recordingSid", is(recordingSid))
                .body("recording.channels", is(2)).body("recording.status", is("completed"));
        assertThat(api().get("/api/calls/{sid}", sid).asString()).doesNotContain(url);
    }

    @Test
    void aForgedRecordingCallbackIsRefusedAndStoresNothing() {
        String sid = recordedCall();
        Map<String, String> params = recording(sid, recordingSid(), twilio.serveRecording(apiBase(), recordingSid(),
                new byte[] {1}));

        given().formParams(params).header("X-Twilio-Signature", "forged").post("/twilio/recording")
                .then().statusCode(403);
        given().formParams(params).post("/twilio/recording").then().statusCode(403);

        api().get("/api/calls/{sid}/recording", sid).then().statusCode(404).body("code", is("recording_not_found"));
    }

    @Test
    void theRecordingNeedsTheApiKeyAndIsNotFoundBeforeTwilioReportsIt() {
        String sid = recordedCall();

        given().get("/api/calls/{sid}/recording", sid).then().statusCode(401);
        api().get("/api/calls/{sid}/recording", sid).then().statusCode(404).body("code", is("recording_not_found"));
        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("recording", nullValue());
        api().get("/api/calls/{sid}/recording", "CA" + "f".repeat(32)).then().statusCode(404);
    }

    @Test
    void aRecordingUrlOutsideTheAccountsTwilioApiIsNeverFetched() {
        String sid = recordedCall();
        int before = twilio.received().size();

        postSignedRecording(recording(sid, recordingSid(), "http://127.0.0.1:9/2010-04-01/Accounts/"
                + FakeTwilio.ACCOUNT_SID + "/Recordings/" + recordingSid())).then().statusCode(204);

        api().get("/api/calls/{sid}/recording", sid).then().statusCode(502).body("code", is("recording_unavailable"));
        assertThat(twilio.received()).hasSize(before);
    }

    private static String recordedCall() {
        return api().contentType(JSON).body("{\"to\": \"%s\", \"record\": true}".formatted(uniqueNumber()))
                .post("/api/calls").then().statusCode(201).extract().path("sid");
    }

    private static String recordingSid() {
        return "RE" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String apiBase() {
        return ConfigProvider.getConfig().getValue("control.twilio.api-base-url", String.class);
    }
}
