package dev.switchboard.control.logs;

/** Keeps a request-supplied SID out of logs unless it looks like one (letters, digits, - and _): it breaks no line. */
final class Sids {

    private static final int MAX_LENGTH = 64;

    private Sids() {
    }

    static String loggable(String sid) {
        if (sid.isEmpty() || sid.length() > MAX_LENGTH) {
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
}
