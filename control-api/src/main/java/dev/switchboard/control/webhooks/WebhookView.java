package dev.switchboard.control.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the API shows it. {@code secret} is present only in the answer to its creation; {@code active}
 * turns false when the receiver answered 410 Gone ({@code disabledReason} says so).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(String id, String url, List<String> events, String description, boolean active,
                          String disabledReason, Instant createdAt, String secret) {

    WebhookView withoutSecret() {
        return new WebhookView(id, url, events, description, active, disabledReason, createdAt, null);
    }
}
