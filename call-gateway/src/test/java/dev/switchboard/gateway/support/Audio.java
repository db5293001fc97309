package dev.switchboard.gateway.support;

import java.util.Arrays;
import java.util.Base64;

/** Distinct μ-law payloads for tests, base64 as Twilio and OpenAI send them. */
public final class Audio {

    private Audio() {
    }

    /** {@code ms} milliseconds of μ-law (8 bytes per ms) whose bytes identify {@code n}. */
    public static String frame(int n, int ms) {
        byte[] bytes = new byte[ms * 8];
        Arrays.fill(bytes, (byte) n);
        bytes[0] = (byte) (n >> 8);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static String frame(int n) {
        return frame(n, 20);
    }
}
