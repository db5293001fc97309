package dev.switchboard.control.calls;

/**
 * The carrier refused a dial or hang-up. Only Twilio's numeric error code travels: its message can echo
 * phone numbers, and its body is never ours to show.
 */
public class DialFailedException extends RuntimeException {

    private final Integer twilioCode;

    public DialFailedException(Integer twilioCode, Throwable cause) {
        super("dial refused, Twilio code " + twilioCode, cause);
        this.twilioCode = twilioCode;
    }

    /** Twilio's error code (e.g. 21211), or null when the carrier could not be reached at all. */
    public Integer twilioCode() {
        return twilioCode;
    }
}
