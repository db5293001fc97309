package dev.switchboard.control.suppressions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A number on the suppression list: {@code source} is who added it ({@code api}, {@code import} or {@code tool}),
 * {@code callSid} the call whose agent added it (tool only).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suppression(String number, String reason, String source, String callSid, Instant createdAt) {

    static final String API = "api";
    static final String IMPORT = "import";
    static final String TOOL = "tool";
}
