package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** The agent config: the latest stored version, or the built-in default (version 0) before the first change. */
@ApplicationScoped
public class ConfigService {

    // The built-in tools the gateway runs itself: end_call, and the lookup_order demo (sample data) that the
    // local voice agent's script uses, so a fresh install shows a whole tool round trip.
    static final AgentConfig DEFAULT = new AgentConfig(0,
            "You are a friendly, concise phone assistant. Keep answers short and speak naturally. "
                    + "When the caller wants to end the conversation, say a short goodbye first and then call end_call.",
            "marin",
            "Hello! How can I help you today?",
            new AgentConfig.TurnDetection("server_vad", 0.5, 300, 500, true, true),
            new AgentConfig.Transcription("whisper-1", null),
            List.of(new AgentConfig.Tool("end_call", "builtin",
                            "Hang up the phone call. Call this only after you have said goodbye to the caller.",
                            Map.of("type", "object", "properties", Map.of("reason",
                                    Map.of("type", "string", "description", "Why the call is ending."))),
                            null, null, true),
                    new AgentConfig.Tool("lookup_order", "builtin",
                            "Look up the delivery status of the caller's order by its order number (demo data).",
                            Map.of("type", "object", "properties", Map.of("order_id",
                                    Map.of("type", "string", "description", "The order number.")),
                                    "required", List.of("order_id")),
                            null, null, true)));

    private final ConfigStore store;
    private final ConfigValidator validator;
    private final ConfigDistribution distribution;

    ConfigService(ConfigStore store, ConfigValidator validator, ConfigDistribution distribution) {
        this.store = store;
        this.validator = validator;
        this.distribution = distribution;
    }

    /** The config new calls get; read from the store each time so replicas sharing PostgreSQL agree. */
    public AgentConfig current() {
        return store.latest().orElse(DEFAULT);
    }

    /**
     * Validates and stores {@code proposed} as the next version, then distributes it to the gateways.
     * With {@code expectedVersion} set, the write only succeeds if that is still the current version.
     */
    public AgentConfig replace(AgentConfig proposed, Long expectedVersion) {
        validator.validate(proposed);
        // Without If-Match the writer only wants "latest wins": a lost race is retried, not reported.
        for (int attempt = 0; ; attempt++) {
            long base = current().version();
            if (expectedVersion != null && expectedVersion != base) {
                throw new StaleConfigException(base);
            }
            AgentConfig stored = withVersion(proposed, base + 1);
            if (store.insert(stored.version(), stored)) {
                Log.infof("config: version %d stored", stored.version());
                announce(stored);
                return stored;
            }
            if (expectedVersion != null || attempt == 2) {
                throw new StaleConfigException(current().version());
            }
        }
    }

    private void announce(AgentConfig stored) {
        try {
            distribution.distribute(stored);
        } catch (RuntimeException e) {
            // The change is committed; a failing push must not turn an accepted write into an error.
            Log.warnf(e, "config: version %d stored but its distribution failed", stored.version());
        }
    }

    static AgentConfig withVersion(AgentConfig c, long version) {
        return new AgentConfig(version, c.instructions(), c.voice(), c.greeting(), c.turnDetection(),
                c.transcription(), c.tools() == null ? List.of() : c.tools(), c.recordingDisclosure());
    }
}
