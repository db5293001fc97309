package dev.switchboard.control.calls;

/**
 * The recording exists but its audio could not be fetched (Twilio refused or could not be reached); mapped to 502
 * {@code recording_unavailable}. Carries only the upstream HTTP status, never its body or URL.
 */
public class RecordingUnavailableException extends RuntimeException {

    private final Integer upstreamStatus;

    public RecordingUnavailableException(Integer upstreamStatus) {
        super("the recording could not be fetched");
        this.upstreamStatus = upstreamStatus;
    }

    public Integer upstreamStatus() {
        return upstreamStatus;
    }
}
