package dev.switchboard.contract.link;

import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} value (https://www.w3.org/TR/trace-context/#traceparent-header), as the
 * link envelope and the gateway's {@code /twiml} URL carry it. Only its format is checked: it names a trace, it grants
 * nothing, so a well-formed value from anywhere is at worst a wrong parent.
 */
public final class Traceparent {

    private static final Pattern FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String NO_TRACE = "00000000000000000000000000000000";
    private static final String NO_SPAN = "0000000000000000";

    private Traceparent() {
    }

    /** True when {@code text} is a version-00 traceparent with a non-zero trace id and span id. */
    public static boolean valid(String text) {
        return text != null && text.length() == 55 && FORMAT.matcher(text).matches()
                && !text.substring(3, 35).equals(NO_TRACE) && !text.substring(36, 52).equals(NO_SPAN);
    }
}
