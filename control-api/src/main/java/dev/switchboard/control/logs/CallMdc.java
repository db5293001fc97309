package dev.switchboard.control.logs;

import org.jboss.logging.MDC;

/**
 * The {@code callSid} MDC field of log lines written for a call (docs/operations.md, "Logs"). Requests and link
 * frames of different calls share threads, so every scope puts back what it found when it closes.
 */
public final class CallMdc {

    public static final String CALL_SID = "callSid";

    private CallMdc() {
    }

    /** Puts the CallSid (a value that is no SID is logged as {@code invalid}); close the scope on the same thread. */
    public static Scope enter(String callSid) {
        Scope outer = new Scope(MDC.get(CALL_SID));
        set(callSid == null ? null : Sids.loggable(callSid));
        return outer;
    }

    /** Runs {@code task} with the CallSid in the MDC. */
    public static void run(String callSid, Runnable task) {
        try (Scope ignored = enter(callSid)) {
            task.run();
        }
    }

    private static void set(Object value) {
        if (value == null) {
            MDC.remove(CALL_SID);
        } else {
            MDC.put(CALL_SID, value);
        }
    }

    /** What the MDC held before a scope; closing puts it back. */
    public record Scope(Object callSid) implements AutoCloseable {

        @Override
        public void close() {
            set(callSid);
        }
    }
}
