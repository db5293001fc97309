package dev.switchboard.control.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call recording as stored. {@code sourceUrl} is Twilio's RecordingUrl (null for a local one): it is only ever
 * fetched by control-api and never returned to clients. {@code local} means the local dialer made the file.
 */
public record Recording(String recordingSid, String callSid, String status, Integer durationSeconds,
                        Integer channels, String sourceUrl, boolean local, Instant createdAt, Instant updatedAt) {

    /** Twilio's status of a finished recording, the only one whose audio can be fetched. */
    public static final String COMPLETED = "completed";

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /**
     * What clients may see of it (the call.recording event, {@code /logs}, the call's detail): never the Twilio URL
     * (docs/security.md). Fields without a value are left out.
     */
    public Map<String, Object> publicFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recordingSid", recordingSid);
        fields.put("status", status);
        fields.put("durationSeconds", durationSeconds);
        fields.put("channels", channels);
        fields.values().removeIf(Objects::isNull);
        return fields;
    }
}
