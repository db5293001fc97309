package dev.switchboard.control.idempotency;

/** An earlier request with the same key is still running (here or on another replica); mapped to 409. */
public class IdempotencyKeyInFlightException extends RuntimeException {

    private final long retryAfterSeconds;

    public IdempotencyKeyInFlightException(long retryAfterSeconds) {
        super("A request with this Idempotency-Key is still in progress");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
