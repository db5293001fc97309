package dev.switchboard.control.localdial;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio-shaped identifiers: a two-letter prefix and 32 lower-case hex digits (CA… calls, MZ… streams). */
public final class Sids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Sids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
