package dev.switchboard.control.config;

import java.util.regex.Pattern;

/** Where a call may be transferred: an E.164 number or a {@code sip:} URI, nothing Twilio would read otherwise. */
public final class TransferTargets {

    /** Problem text for a target that is neither. */
    public static final String PROBLEM = "must be an E.164 number like +14155550123 or a sip: URI like sip:desk@example.com";

    /** A phone number in E.164 form, as Twilio takes it. */
    public static final String E164_NUMBER = "\\+[1-9]\\d{6,14}";

    private static final Pattern E164 = Pattern.compile(E164_NUMBER);
    // user@host[:port][;params]; no spaces, quotes or angle brackets, so the target cannot change the TwiML around it.
    private static final Pattern SIP = Pattern.compile("sip:[A-Za-z0-9._~+\\-!$&'()*,;=%]+@[A-Za-z0-9.\\-]+"
            + "(:\\d{1,5})?(;[A-Za-z0-9._~+\\-=%]+)*");

    private TransferTargets() {
    }

    public static boolean valid(String target) {
        return target != null && target.length() <= 256
                && (E164.matcher(target).matches() || SIP.matcher(target).matches());
    }

    public static boolean isSip(String target) {
        return target.startsWith("sip:");
    }
}
