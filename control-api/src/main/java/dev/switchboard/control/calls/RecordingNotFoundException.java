package dev.switchboard.control.calls;

/** The call has no completed recording (or its audio is gone); mapped to 404 {@code recording_not_found}. */
public class RecordingNotFoundException extends RuntimeException {

    public RecordingNotFoundException(String callSid) {
        super("no recording for call " + callSid);
    }
}
