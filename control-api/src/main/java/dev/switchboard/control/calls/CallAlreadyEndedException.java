package dev.switchboard.control.calls;

/** A hang-up was asked for a call that has already ended; mapped to 409. */
public class CallAlreadyEndedException extends RuntimeException {

    public CallAlreadyEndedException(String sid, String status) {
        super("call " + sid + " has already ended (" + status + ")");
    }
}
