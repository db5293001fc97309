package dev.switchboard.gateway.localagent;

import java.net.URI;
import java.util.Optional;

/**
 * Where the gateway's Realtime client connects for a call: the full WebSocket URI (with the {@code model} query)
 * and the bearer key to present, if any. {@code local} is true for the built-in local agent.
 */
public record RealtimeTarget(URI uri, Optional<String> apiKey, boolean local) { }
