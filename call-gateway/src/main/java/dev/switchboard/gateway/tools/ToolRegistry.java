package dev.switchboard.gateway.tools;

import dev.switchboard.gateway.session.AgentConfig;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools the gateway can run: every {@link CallTool} bean, offered to the model as the agent config enables. */
@ApplicationScoped
public class ToolRegistry {

    private final Map<String, CallTool> builtins = new HashMap<>();

    ToolRegistry(Instance<CallTool> tools) {
        tools.forEach(tool -> builtins.put(tool.name(), tool));
    }

    public Optional<CallTool> find(String name) {
        return Optional.ofNullable(name == null ? null : builtins.get(name));
    }

    /** The session's {@code tools} array: enabled tools from the config that this gateway can run. */
    public List<JsonObject> offered(AgentConfig config) {
        List<JsonObject> offered = new ArrayList<>();
        if (config.tools() == null) {
            return offered;
        }
        for (AgentConfig.Tool tool : config.tools()) {
            if (Boolean.FALSE.equals(tool.enabled())) {
                continue;
            }
            CallTool runnable = builtins.get(tool.name());
            if (runnable == null || "webhook".equals(tool.kind())) {
                Log.debugf("[call=-] tool %s is not runnable here: not offered", tool.name());
                continue;
            }
            offered.add(new JsonObject()
                    .put("type", "function")
                    .put("name", tool.name())
                    .put("description", tool.description() != null ? tool.description() : runnable.description())
                    .put("parameters", new JsonObject(tool.parameters() != null ? tool.parameters()
                            : runnable.parameters())));
        }
        return offered;
    }
}
