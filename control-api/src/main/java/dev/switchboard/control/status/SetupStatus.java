package dev.switchboard.control.status;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /api/status}: what this installation has configured, as presence flags and judged URLs only; never
 * a secret or any part of one. {@code openaiKeyPresent} and {@code agentMode} come from the linked gateways'
 * hellos and are null when no linked gateway has reported them.
 */
@RegisterForReflection
public record SetupStatus(Boolean openaiKeyPresent, String agentMode, boolean twilioConfigured, String dialerMode,
                          PublicUrlCheck publicUrl, PublicUrlCheck gatewayPublicUrl, boolean gatewayLinked,
                          int gateways, boolean signatureChecking, boolean apiKeyRequired) { }
