package dev.switchboard.control.replicas;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.control.config.ConfigDistribution;
import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.gateway.ConfigPush;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Distributes an accepted config to every gateway: those linked here at once, those linked to the other replicas
 * through them. The notification names only the version (a config can be larger than a notification); the others
 * read the stored config and push it as {@code config.updated}, exactly as for a change made on themselves.
 */
@ApplicationScoped
class SharedConfig implements ConfigDistribution {

    private final ReplicaBus bus;
    private final ConfigService configs;
    private final ConfigPush push;

    SharedConfig(ReplicaBus bus, ConfigService configs, ConfigPush push) {
        this.bus = bus;
        this.configs = configs;
        this.push = push;
    }

    @Override
    public void distribute(AgentConfig config) {
        push.push(config);
        if (!bus.active()) {
            return;
        }
        try {
            bus.send(ReplicaMessage.config(config.version()));
        } catch (RuntimeException e) {
            Log.warnf("[call=-] config version %d stored but not announced to the other replicas: %s",
                    config.version(), e.getMessage());
        }
    }

    void onMessage(@Observes ReplicaMessage message) {
        if (message.kind() == ReplicaMessage.Kind.CONFIG) {
            // The latest stored config, which is at least the announced version: gateways skip older ones anyway.
            push.push(configs.current());
        }
    }
}
