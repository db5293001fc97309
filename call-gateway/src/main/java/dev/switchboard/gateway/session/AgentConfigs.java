package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.AgentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the agent config new calls start with; control-api replaces it through {@link #apply}. */
@ApplicationScoped
public class AgentConfigs {

    static final AgentConfig BUILT_IN = new AgentConfig(
            0,
            "You are Switchboard's friendly phone assistant. Keep answers short and speak naturally. "
                    + "When the caller wants to end the conversation, say a short goodbye first and then call end_call.",
            "marin",
            "Hello! Thanks for calling. How can I help you today?",
            new AgentConfig.TurnDetection("server_vad", 0.5, 300, 500, true, true),
            new AgentConfig.Transcription("whisper-1", null),
            List.of(new AgentConfig.Tool("end_call", "builtin",
                    "Hang up the phone call. Call this only after you have said goodbye to the caller.",
                    Map.of("type", "object",
                            "properties", Map.of("reason", Map.of("type", "string",
                                    "description", "Why the call is ending.")),
                            "required", List.of()),
                    null, null, true),
                    // Demo tool with sample data (localagent.LookupOrderTool); the local agent's script calls it.
                    new AgentConfig.Tool("lookup_order", "builtin",
                            "Look up the delivery status of the caller's order by its order number (demo data).",
                            Map.of("type", "object",
                                    "properties", Map.of("order_id", Map.of("type", "string",
                                            "description", "The order number.")),
                                    "required", List.of("order_id")),
                            null, null, true)));

    private final AtomicReference<AgentConfig> current = new AtomicReference<>(BUILT_IN);
    private final Event<AgentConfigChanged> changed;

    AgentConfigs(Event<AgentConfigChanged> changed) {
        this.changed = changed;
    }

    /** The config a call starting now uses. */
    public AgentConfig current() {
        return current.get();
    }

    /** Replaces the config for new calls and tells live calls (they keep their voice). */
    public void apply(AgentConfig config) {
        if (config == null) {
            return;
        }
        current.set(config);
        Log.infof("[call=-] agent config version %d applied", config.version());
        changed.fire(new AgentConfigChanged(config));
    }
}
