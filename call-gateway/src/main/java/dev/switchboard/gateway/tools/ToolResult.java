package dev.switchboard.gateway.tools;

import io.vertx.core.json.JsonObject;

/**
 * A tool's answer to the model. {@code output} is the function_call_output string; {@code respond} says whether
 * the model should speak again afterwards ({@code response.create}).
 */
public record ToolResult(String output, boolean error, boolean respond) {

    public static ToolResult ok(JsonObject output) {
        return new ToolResult(output.encode(), false, true);
    }

    public static ToolResult failed(String message) {
        return new ToolResult(new JsonObject().put("error", message).encode(), true, true);
    }
}
