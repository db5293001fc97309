package dev.switchboard.control.suppressions;

/** A dial to a number on the suppression list; mapped to 403 {@code number_suppressed}. */
public class NumberSuppressedException extends RuntimeException {

    NumberSuppressedException() {
        super("The number is on the suppression list and is never dialed");
    }
}
