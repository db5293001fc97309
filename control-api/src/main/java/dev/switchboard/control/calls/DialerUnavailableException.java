package dev.switchboard.control.calls;

/** No dialer can place the call (no Twilio account and no local dialer); mapped to 503. */
public class DialerUnavailableException extends RuntimeException {

    public DialerUnavailableException(String message) {
        super(message);
    }
}
