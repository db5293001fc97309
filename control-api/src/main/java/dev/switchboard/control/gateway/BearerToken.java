package dev.switchboard.control.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an {@code Authorization: Bearer} header against a secret in constant time. */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    public static boolean matches(String authorizationHeader, String secret) {
        if (authorizationHeader == null || secret == null || secret.isEmpty()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, secret.getBytes(StandardCharsets.UTF_8));
    }
}
