package dev.switchboard.control.idempotency;

/**
 * A successful response to an idempotent request: its HTTP status and body; {@code replayed} when it is the stored
 * response of an earlier request with the same key rather than this request's own.
 */
public record Answer<T>(int status, T body, boolean replayed) {

    /** A response this request produced itself. */
    public static <T> Answer<T> of(int status, T body) {
        return new Answer<>(status, body, false);
    }
}
