package dev.switchboard.control.calls;

/**
 * DTMF cannot be sent into a call carried by Twilio: Media Streams only carry keys the caller presses (inbound),
 * and redirecting the call to {@code <Play digits>} would replace the TwiML that holds the stream and drop the
 * agent. Mapped to 409.
 */
public class DtmfUnsupportedException extends RuntimeException {

    public DtmfUnsupportedException() {
        super("DTMF cannot be sent into a Twilio call: Media Streams carry keys from the caller only, and"
                + " <Play digits> would replace the stream and drop the agent. Local calls support it.");
    }
}
