package dev.switchboard.gateway.tools;

import io.vertx.core.json.JsonObject;

/** One function call from the model: its parsed arguments and the call it happens in. */
public record ToolInvocation(String name, String callId, JsonObject arguments, CallControl call) { }
