package dev.switchboard.gateway.sockets;

/** Checks base64 audio without decoding it: audio passes through as the same string. */
public final class Base64Text {

    private Base64Text() {
    }

    /** Non-empty padded base64 characters only, so it can be placed inside a JSON string as-is. */
    public static boolean valid(String text) {
        if (text == null || text.isEmpty() || text.length() % 4 != 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Bytes the text decodes to; for μ-law at 8 kHz, 8 bytes are 1 ms. */
    public static int decodedBytes(String text) {
        int length = text.length();
        int padding = 0;
        if (length > 0 && text.charAt(length - 1) == '=') {
            padding++;
            if (length > 1 && text.charAt(length - 2) == '=') {
                padding++;
            }
        }
        return length / 4 * 3 + (length % 4) * 3 / 4 - padding;
    }
}
