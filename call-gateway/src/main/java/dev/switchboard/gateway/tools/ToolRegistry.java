package dev.switchboard.gateway.tools;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.GatewayConfig;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools the gateway can run: every {@link CallTool} bean (built-ins), plus the config's {@code webhook} tools,
 * offered to the model as the agent config enables them.
 */
@ApplicationScoped
public class ToolRegistry {

    private static final String WEBHOOK = "webhook";

    private final Map<String, CallTool> builtins = new HashMap<>();
    private final WebhookClient webhooks;
    private final GatewayConfig.Webhooks webhookConfig;

    ToolRegistry(Instance<CallTool> tools, WebhookClient webhooks, GatewayConfig config) {
        tools.forEach(tool -> builtins.put(tool.name(), tool));
        this.webhooks = webhooks;
        this.webhookConfig = config.webhooks();
        if (webhookConfig.secret().filter(s -> !s.isBlank()).isEmpty()) {
            Log.info("No SWITCHBOARD_WEBHOOK_SECRET: webhook tools are called without an X-Switchboard-Signature");
        }
    }

    /** A built-in tool by name. */
    public Optional<CallTool> find(String name) {
        return Optional.ofNullable(name == null ? null : builtins.get(name));
    }

    /** The tool this config offers under {@code name}: its webhook when it defines one, else a built-in. */
    public Optional<CallTool> find(AgentConfig config, String name) {
        if (name != null && config != null && config.tools() != null) {
            for (AgentConfig.Tool tool : config.tools()) {
                if (name.equals(tool.name()) && WEBHOOK.equals(tool.kind()) && !Boolean.FALSE.equals(tool.enabled())) {
                    return WebhookTool.url(tool).map(url -> webhook(tool, url));
                }
            }
        }
        return find(name);
    }

    /** The session's {@code tools} array: enabled tools from the config that this gateway can run. */
    public List<JsonObject> offered(AgentConfig config) {
        List<JsonObject> offered = new ArrayList<>();
        if (config.tools() == null) {
            return offered;
        }
        Set<String> names = new HashSet<>();
        for (AgentConfig.Tool tool : config.tools()) {
            // The Realtime API refuses a session whose tools repeat a name: the first one wins.
            if (Boolean.FALSE.equals(tool.enabled()) || !names.add(tool.name())) {
                continue;
            }
            Optional<CallTool> runnable = WEBHOOK.equals(tool.kind())
                    ? WebhookTool.url(tool).map(url -> webhook(tool, url))
                    : Optional.ofNullable(builtins.get(tool.name()));
            if (runnable.isEmpty()) {
                Log.debugf("tool %s is not runnable here (unknown, or a webhook without an http(s) URL): "
                        + "not offered", tool.name());
                continue;
            }
            offered.add(new JsonObject()
                    .put("type", "function")
                    .put("name", tool.name())
                    .put("description", tool.description() != null ? tool.description() : runnable.get().description())
                    .put("parameters", new JsonObject(tool.parameters() != null ? tool.parameters()
                            : runnable.get().parameters())));
        }
        return offered;
    }

    private CallTool webhook(AgentConfig.Tool tool, URI url) {
        return new WebhookTool(tool, url, webhooks, webhookConfig.secret().filter(s -> !s.isBlank()),
                webhookConfig.timeout());
    }
}
