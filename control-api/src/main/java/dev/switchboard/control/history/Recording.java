package dev.switchboard.control.history;

import java.time.Instant;

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
}
