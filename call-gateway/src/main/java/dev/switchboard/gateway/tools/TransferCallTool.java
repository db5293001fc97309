package dev.switchboard.gateway.tools;

import dev.switchboard.gateway.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in {@code transfer_call}: hands the caller to a person once the agent's words have played. The number comes
 * from the tool's config ({@code target}), never from the model, which gives only a reason: a model talked into
 * dialling a premium number must not be able to. The tool answers when control-api has started the transfer (the
 * call then leaves the agent) or with why it could not, so the model can tell the caller.
 */
@ApplicationScoped
public class TransferCallTool implements CallTool {

    private final Duration timeout;

    TransferCallTool(GatewayConfig config) {
        this.timeout = config.limits().farewellTimeout().plus(config.limits().transferTimeout());
    }

    @Override
    public String name() {
        return "transfer_call";
    }

    @Override
    public String description() {
        return "Transfer the caller to a person. First tell the caller briefly that you are transferring them, "
                + "then call this. The destination is fixed; give only the reason.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object",
                "properties", Map.of("reason", Map.of("type", "string", "description", "Why the caller is transferred.")),
                "required", List.of());
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.of(timeout);
    }

    // The farewell is playing while the tool waits: a spoken "one moment" would only delay the transfer.
    @Override
    public boolean filler() {
        return false;
    }

    @Override
    public Uni<ToolResult> invoke(ToolInvocation invocation) {
        Optional<String> target = invocation.call().config().transferTarget();
        if (target.isEmpty()) {
            return Uni.createFrom().item(ToolResult.failed("No transfer destination is configured, so the caller "
                    + "cannot be transferred. Tell the caller and carry on."));
        }
        String reason = invocation.arguments().getValue("reason") instanceof String text ? text : "";
        return Uni.createFrom().emitter(emitter -> invocation.call().transferAfterFarewell(target.get(), reason,
                outcome -> emitter.complete(outcome.isEmpty()
                        ? new ToolResult(new JsonObject().put("ok", true).put("transferring", true).encode(), false, false)
                        : ToolResult.failed(outcome.get()))));
    }
}
