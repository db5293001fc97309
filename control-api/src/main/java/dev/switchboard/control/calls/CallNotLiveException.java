package dev.switchboard.control.calls;

/** A transfer was asked for a call that is not bridged right now (not yet answered, or already handed off); 409. */
public class CallNotLiveException extends RuntimeException {

    public CallNotLiveException(String sid, String why) {
        super("call " + sid + " is not live (" + why + ")");
    }
}
