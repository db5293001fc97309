package dev.switchboard.control.suppressions;

/** The number is not on the suppression list; mapped to 404 {@code suppression_not_found}. */
public class SuppressionNotFoundException extends RuntimeException {

    SuppressionNotFoundException() {
        super("The number is not on the suppression list");
    }
}
