package dev.switchboard.control.calls;

/** No call with that CallSid is known; mapped to 404. */
public class CallNotFoundException extends RuntimeException {

    public CallNotFoundException(String callSid) {
        super("no call " + callSid);
    }
}
