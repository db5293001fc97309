package dev.switchboard.control.idempotency;

/** The key was already used with a different request body; mapped to 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("Idempotency-Key was already used with a different request body");
    }
}
