package dev.switchboard.control.webhooks;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /api/webhooks/{id}/replay}: the call whose events are sent again. */
public record ReplayRequest(@NotBlank String callSid) { }
