package dev.switchboard.control.calls;

/**
 * The call has no open media stream to act on (not answered yet, already over, or already transferred);
 * mapped to 409.
 */
public class CallNotLiveException extends RuntimeException {

    public CallNotLiveException(String sid) {
        super("call " + sid + " has no live media stream");
    }

    public CallNotLiveException(String sid, String why) {
        super("call " + sid + " is not live (" + why + ")");
    }
}
