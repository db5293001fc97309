package dev.switchboard.control.config;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.List;

/** The agent config: the latest stored version, or the built-in default (version 0) before the first change. */
@ApplicationScoped
public class ConfigService {

    static final AgentConfig DEFAULT = new AgentConfig(0,
            "You are a friendly, concise phone assistant. Keep answers short and speak naturally.",
            "marin",
            "Hello! How can I help you today?",
            new AgentConfig.TurnDetection("server_vad", 0.5, 300, 500, true, true),
            new AgentConfig.Transcription("whisper-1", null),
            List.of());

    private final ConfigStore store;
    private final ConfigValidator validator;
    private final Event<ConfigUpdated> updates;

    ConfigService(ConfigStore store, ConfigValidator validator, Event<ConfigUpdated> updates) {
        this.store = store;
        this.validator = validator;
        this.updates = updates;
    }

    /** The config new calls get; read from the store each time so replicas sharing PostgreSQL agree. */
    public AgentConfig current() {
        return store.latest().orElse(DEFAULT);
    }

    /**
     * Validates and stores {@code proposed} as the next version, then fires {@link ConfigUpdated}.
     * With {@code expectedVersion} set, the write only succeeds if that is still the current version.
     */
    public AgentConfig replace(AgentConfig proposed, Long expectedVersion) {
        validator.validate(proposed);
        long base = current().version();
        if (expectedVersion != null && expectedVersion != base) {
            throw new StaleConfigException(base);
        }
        AgentConfig stored = withVersion(proposed, base + 1);
        if (!store.insert(stored.version(), stored)) {
            throw new StaleConfigException(current().version());
        }
        Log.infof("config: version %d stored", stored.version());
        announce(stored);
        return stored;
    }

    private void announce(AgentConfig stored) {
        try {
            updates.fire(new ConfigUpdated(stored));
        } catch (RuntimeException e) {
            // The change is committed; a failing push must not turn an accepted write into an error.
            Log.warnf(e, "config: version %d stored but an observer failed", stored.version());
        }
    }

    static AgentConfig withVersion(AgentConfig c, long version) {
        return new AgentConfig(version, c.instructions(), c.voice(), c.greeting(), c.turnDetection(),
                c.transcription(), c.tools() == null ? List.of() : c.tools());
    }
}
