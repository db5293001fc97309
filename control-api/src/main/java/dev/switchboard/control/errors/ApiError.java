package dev.switchboard.control.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON problem body of every error response: {@code code} is stable and machine-readable, {@code message}
 * is for people, {@code field} names the offending input field and {@code twilioCode} Twilio's error code.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String code, String message, String field, Integer twilioCode) {

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, null, null);
    }
}
