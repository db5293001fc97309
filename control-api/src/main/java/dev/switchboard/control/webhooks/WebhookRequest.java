package dev.switchboard.control.webhooks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /api/webhooks}; {@code events} absent or empty means every event ({@code ["*"]}). */
public record WebhookRequest(@NotBlank @Size(max = 2000) String url, @Size(max = 20) List<String> events,
                             @Size(max = 500) String description) { }
