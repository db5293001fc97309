package dev.switchboard.gateway.localagent;

import dev.switchboard.gateway.tools.CallTool;
import dev.switchboard.gateway.tools.ToolInvocation;
import dev.switchboard.gateway.tools.ToolResult;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Built-in demo tool {@code lookup_order}: answers an order's status from fixed sample data, so the local demo (and
 * a real model, when the config offers it) shows a whole tool round trip without any backend.
 */
@ApplicationScoped
public class LookupOrderTool implements CallTool {

    @Override
    public String name() {
        return AgentScript.LOOKUP_ORDER;
    }

    @Override
    public String description() {
        return "Look up the delivery status of the caller's order by its order number (demo data).";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object",
                "properties", Map.of("order_id", Map.of("type", "string", "description", "The order number.")),
                "required", List.of("order_id"));
    }

    @Override
    public Uni<ToolResult> invoke(ToolInvocation invocation) {
        String orderId = invocation.arguments().getString("order_id", "").trim();
        if (orderId.isEmpty()) {
            return Uni.createFrom().item(ToolResult.failed("order_id is required"));
        }
        return Uni.createFrom().item(ToolResult.ok(new JsonObject().put("order_id", orderId)
                .put("status", "shipped").put("eta", "Friday").put("demo", true)));
    }
}
