package dev.switchboard.control.support;

import dev.switchboard.contract.twilio.TwilioSignature;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Twilio's status callbacks as Twilio sends them: form-encoded and signed over control-api's public URL. */
public final class TwilioCallbacks {

    /** The URL Twilio signs: the %test profile's public URL plus the callback path. */
    public static final String URL = "https://control.example.com/twilio/status";

    private TwilioCallbacks() {
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        return new TwilioSignature(authToken).sign(url, params);
    }

    public static Response postSigned(Map<String, String> params) {
        return given().formParams(params).header(TwilioSignature.HEADER, sign(FakeTwilio.AUTH_TOKEN, URL, params))
                .post("/twilio/status");
    }

    /** The URL Twilio signs for recording status callbacks. */
    public static final String RECORDING_URL = "https://control.example.com/twilio/recording";

    public static Response postSignedRecording(Map<String, String> params) {
        return given().formParams(params)
                .header(TwilioSignature.HEADER, sign(FakeTwilio.AUTH_TOKEN, RECORDING_URL, params))
                .post("/twilio/recording");
    }

    /** The URL Twilio signs for asynchronous AMD results. */
    public static final String AMD_URL = "https://control.example.com/twilio/amd";

    /** A client address of the AMD callbacks' own, so they never use up other tests' webhook rate limit. */
    public static final String AMD_CLIENT = "198.18.200." + ThreadLocalRandom.current().nextInt(1, 255);

    public static Response postSignedAmd(Map<String, String> params) {
        return given().formParams(params).header(TwilioSignature.HEADER, sign(FakeTwilio.AUTH_TOKEN, AMD_URL, params))
                .header("X-Forwarded-For", AMD_CLIENT).post("/twilio/amd");
    }

    /** An asynchronous AMD result as Twilio posts it to AsyncAmdStatusCallback. */
    public static Map<String, String> amd(String callSid, String answeredBy) {
        return new HashMap<>(Map.of("AccountSid", FakeTwilio.ACCOUNT_SID, "CallSid", callSid,
                "AnsweredBy", answeredBy, "MachineDetectionDuration", "3120"));
    }

    /** A completed recording's status callback, as Twilio sends it for a dual-channel call recording. */
    public static Map<String, String> recording(String callSid, String recordingSid, String recordingUrl) {
        return new HashMap<>(Map.of("AccountSid", FakeTwilio.ACCOUNT_SID, "CallSid", callSid,
                "RecordingSid", recordingSid, "RecordingUrl", recordingUrl, "RecordingStatus", "completed",
                "RecordingDuration", "42", "RecordingChannels", "2", "RecordingSource", "OutboundAPI",
                "RecordingStartTime", "Sat, 21 Nov 2026 10:00:00 +0000"));
    }

    public static Map<String, String> callback(String sid, String status, int seq) {
        Map<String, String> params = new HashMap<>(Map.of("CallSid", sid, "AccountSid", FakeTwilio.ACCOUNT_SID,
                "CallStatus", status, "SequenceNumber", Integer.toString(seq), "Direction", "outbound-api",
                "From", FakeTwilio.FROM, "To", "+14155550123", "ApiVersion", "2010-04-01",
                "CallbackSource", "call-progress-events", "Timestamp", "Sat, 21 Nov 2026 10:00:0" + seq + " +0000"));
        if (status.equals("completed")) {
            params.put("CallDuration", "42");
        }
        return params;
    }
}
