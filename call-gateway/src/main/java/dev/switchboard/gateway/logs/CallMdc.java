package dev.switchboard.gateway.logs;

import org.jboss.logging.MDC;

/**
 * The MDC fields that name the call a log line was written for ({@code callSid}, {@code streamSid}, {@code profile};
 * docs/operations.md, "Logs"). Calls share event-loop threads, so every scope puts back what it found when it closes:
 * a call's fields never outlive the handler that set them.
 */
public final class CallMdc {

    public static final String CALL_SID = "callSid";
    public static final String STREAM_SID = "streamSid";
    public static final String PROFILE = "profile";

    private static final int MAX_SID_LENGTH = 64;

    private CallMdc() {
    }

    /**
     * Puts the call's fields; null ones are left out, or kept from the enclosing scope when it is the same call's.
     * Close the returned scope on the same thread.
     */
    public static Scope enter(String callSid, String streamSid, String profile) {
        Object outerCall = MDC.get(CALL_SID);
        Object outerStream = MDC.get(STREAM_SID);
        Object outerProfile = MDC.get(PROFILE);
        Scope outer = new Scope(outerCall, outerStream, outerProfile);
        String call = loggable(callSid);
        boolean sameCall = call != null && call.equals(outerCall);
        set(CALL_SID, call);
        set(STREAM_SID, streamSid != null || !sameCall ? loggable(streamSid) : outerStream);
        set(PROFILE, profile != null || !sameCall ? profile : outerProfile);
        return outer;
    }

    /** {@link #enter(String, String, String)} with the CallSid alone. */
    public static Scope enter(String callSid) {
        return enter(callSid, null, null);
    }

    /** Runs {@code task} with the call's CallSid in the MDC. */
    public static void run(String callSid, Runnable task) {
        try (Scope ignored = enter(callSid)) {
            task.run();
        }
    }

    // SIDs come from requests (a refused /twiml, a bad start frame): anything but letters, digits, - and _ is logged
    // as "invalid", so no value can break a line or forge another.
    private static String loggable(String sid) {
        if (sid == null) {
            return null;
        }
        if (sid.isEmpty() || sid.length() > MAX_SID_LENGTH) {
            return "invalid";
        }
        for (int i = 0; i < sid.length(); i++) {
            char c = sid.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return "invalid";
            }
        }
        return sid;
    }

    private static void set(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** What the MDC held before a scope; closing puts it back. */
    public record Scope(Object callSid, Object streamSid, Object profile) implements AutoCloseable {

        @Override
        public void close() {
            set(CALL_SID, callSid);
            set(STREAM_SID, streamSid);
            set(PROFILE, profile);
        }
    }
}
