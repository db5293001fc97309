package dev.switchboard.control.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes ConfigUpdated the way the gateway link does, so tests can see what was announced. */
@ApplicationScoped
public class ConfigUpdatesRecorder {

    private final List<AgentConfig> seen = new CopyOnWriteArrayList<>();

    void on(@Observes ConfigUpdated update) {
        seen.add(update.config());
    }

    public List<AgentConfig> seen() {
        return seen;
    }
}
