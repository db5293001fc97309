package dev.switchboard.control.calls;



/**
 * Places and ends phone calls: the Twilio SDK's dialer (the one unqualified bean) with a Twilio account, the
 * {@link LocalDialer} without one.
 * Both methods block (the Twilio SDK does), so callers run them on a worker thread.
 */
public interface CallDialer {

    /** Starts an outbound call; throws {@link DialFailedException} when the carrier refuses it. */
    DialedCall dial(DialRequest request);

    /** Ends a live call (Twilio {@code Status=completed}); throws {@link DialFailedException} on refusal. */
    void hangUp(String callSid);

    /**
     * Moves a live call to {@code target} (E.164 or sip: URI) with {@code <Dial>}; the carrier ends the call's media
     * stream as it does. Throws {@link DialFailedException} on refusal.
     */
    void transfer(String callSid, String target);

    /**
     * Presses keys on the callee's side of a live call, one after another; throws {@link CallNotLiveException}
     * when the call has no open stream and {@link DtmfUnsupportedException} where the carrier cannot do it.
     */
    void sendDigits(String callSid, String digits);

    /** False while this dialer lacks the settings it needs to place calls (Twilio's without an account). */
    default boolean configured() {
        return true;
    }

    /** True when this process carries the call itself (the local dialer's calls); Twilio's calls are never here. */
    default boolean holds(String callSid) {
        return false;
    }
}
