package dev.switchboard.control.replicas;

import dev.switchboard.control.errors.ApiError;





/** A call command another replica ran and refused, or that got no answer: carries the error body to return. */
public class RoutedCommandException extends RuntimeException {

    private final transient ApiError error;

    public RoutedCommandException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
