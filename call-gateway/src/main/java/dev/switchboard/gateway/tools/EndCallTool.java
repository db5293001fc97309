package dev.switchboard.gateway.tools;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Built-in {@code end_call}: lets the farewell play out, then hangs up. The model is not asked to speak again. */
@ApplicationScoped
public class EndCallTool implements CallTool {

    @Override
    public String name() {
        return "end_call";
    }

    @Override
    public String description() {
        return "Hang up the phone call. Call this only after you have said goodbye to the caller.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object",
                "properties", Map.of("reason", Map.of("type", "string", "description", "Why the call is ending.")),
                "required", List.of());
    }

    @Override
    public Uni<ToolResult> invoke(ToolInvocation invocation) {
        invocation.call().endAfterFarewell(invocation.arguments().getString("reason", "agent ended the call"));
        return Uni.createFrom().item(new ToolResult(new JsonObject().put("ok", true).encode(), false, false));
    }
}
