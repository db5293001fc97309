package dev.switchboard.control.twilio;

import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.Recording;
import dev.switchboard.control.history.RecordingStore;
import dev.switchboard.control.livelogs.LiveEvent;
import dev.switchboard.control.livelogs.LiveEvents;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

/**
 * Stores a recording status callback's report (Twilio's "RecordingStatusCallback" parameters: RecordingSid,
 * RecordingUrl, RecordingStatus, RecordingDuration, RecordingChannels; docs/api.md). A report whose
 * {@code RecordingSource} is the local dialer's is served from the local dialer's files, never fetched.
 */
@ApplicationScoped
class RecordingCallbacks {

    /** The local dialer's RecordingSource (localdial.LocalCall). */
    static final String LOCAL_SOURCE = "LocalDialer";

    private final RecordingStore recordings;
    private final LiveEvents liveLogs;

    RecordingCallbacks(RecordingStore recordings, LiveEvents liveLogs) {
        this.recordings = recordings;
        this.liveLogs = liveLogs;
    }

    void accept(Map<String, String> params) {
        String callSid = params.get("CallSid");
        boolean local = LOCAL_SOURCE.equals(params.get("RecordingSource"));
        String url = local ? null : blankToNull(params.get("RecordingUrl"));
        Instant now = Instant.now();
        Recording recording = new Recording(params.get("RecordingSid"), callSid, params.get("RecordingStatus"),
                integer("RecordingDuration", params.get("RecordingDuration")),
                integer("RecordingChannels", params.get("RecordingChannels")), url, local, now, now);
        boolean completed = recordings.save(recording);
        CallMdc.run(callSid, () -> Log.infof("recording %s %s", recording.recordingSid(), recording.status()));
        if (completed) {
            liveLogs.publish(new LiveEvent("call.recording", callSid, now, recording.publicFields()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }
}
