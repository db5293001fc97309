package dev.switchboard.control.replicas;

import dev.switchboard.control.errors.ApiError;



/** The error body the REST endpoint answers for a failure, so a command run for another replica can send it back. */
public interface CommandErrors {

    ApiError describe(RuntimeException failure);
}
