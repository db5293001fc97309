package dev.switchboard.control.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks an {@code Authorization: Bearer} header against a secret without leaking how much of it matched. */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    public static boolean matches(String authorizationHeader, String secret) {
        if (authorizationHeader == null || secret == null || secret.isEmpty()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        // Hashing first gives equal lengths, so the comparison takes the same time whatever was presented.
        return MessageDigest.isEqual(sha256(authorizationHeader.substring(PREFIX.length()).strip()), sha256(secret));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
