package dev.switchboard.gateway.localagent;

import dev.switchboard.gateway.tools.ToolInvocation;
import dev.switchboard.gateway.tools.ToolResult;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LookupOrderToolTest {

    private final LookupOrderTool tool = new LookupOrderTool();

    @Test
    void answersTheOrdersSampleStatus() {
        ToolResult result = invoke(new JsonObject().put("order_id", "4217"));
        assertThat(result.error()).isFalse();
        assertThat(result.respond()).isTrue();
        assertThat(new JsonObject(result.output()).getString("status")).isEqualTo("shipped");
        assertThat(new JsonObject(result.output()).getString("order_id")).isEqualTo("4217");
    }

    @Test
    void tellsTheModelWhenTheOrderNumberIsMissing() {
        ToolResult result = invoke(new JsonObject());
        assertThat(result.error()).isTrue();
        assertThat(result.output()).contains("order_id is required");
    }

    private ToolResult invoke(JsonObject arguments) {
        return tool.invoke(new ToolInvocation("lookup_order", "call_1", arguments, null)).await().indefinitely();
    }
}
