package dev.switchboard.control.rest;

import dev.switchboard.control.errors.ApiError;
import dev.switchboard.control.replicas.CommandErrors;
import jakarta.enterprise.context.ApplicationScoped;

/** Describes failures exactly as {@link ApiErrors} maps them, for commands routed between replicas. */
@ApplicationScoped
class ErrorBodies implements CommandErrors {

    @Override
    public ApiError describe(RuntimeException failure) {
        return ApiErrors.describe(failure);
    }
}
