package dev.switchboard.control.config;

/** Reads the version an {@code If-Match} header names; our ETags are the quoted version number. */
final class IfMatch {

    private IfMatch() {
    }

    /** The expected version, or null when the header is absent or {@code *} (no precondition on the version). */
    static Long version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            // A tag we never issued can only be stale.
            return -1L;
        }
    }
}
