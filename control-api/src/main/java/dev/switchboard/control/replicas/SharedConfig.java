package dev.switchboard.control.replicas;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.control.config.ConfigDistribution;
import dev.switchboard.control.config.ProfileService;
import dev.switchboard.control.gateway.ConfigPush;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * Distributes an accepted profile change to every gateway: those linked here at once, those linked to the other
 * replicas through them. The notification names only the profile and version (a config can be larger than a
 * notification); the others read the stored profile and push it, exactly as for a change made on themselves.
 */
@ApplicationScoped
class SharedConfig implements ConfigDistribution {

    private final ReplicaBus bus;
    private final ProfileService profiles;
    private final ConfigPush push;

    SharedConfig(ReplicaBus bus, ProfileService profiles, ConfigPush push) {
        this.bus = bus;
        this.profiles = profiles;
        this.push = push;
    }

    @Override
    public void distribute(AgentConfig config) {
        push.push(config);
        announce(config.profileName(), config.version());
    }

    @Override
    public void deleted(String profile, long version) {
        push.deleted(profile, version);
        announce(profile, version);
    }

    private void announce(String profile, long version) {
        if (!bus.active()) {
            return;
        }
        try {
            bus.send(ReplicaMessage.config(profile, version));
        } catch (RuntimeException e) {
            Log.warnf("profile %s version %d stored but not announced to the other replicas: %s",
                    profile, version, e.getMessage());
        }
    }

    void onMessage(@Observes ReplicaMessage message) {
        if (message.kind() != ReplicaMessage.Kind.CONFIG) {
            return;
        }
        // The latest stored version, which is at least the announced one: gateways skip older ones anyway.
        String name = message.profile() == null ? AgentConfig.DEFAULT_PROFILE : message.profile();
        Optional<AgentConfig> current = profiles.find(name);
        if (current.isPresent()) {
            push.push(current.get());
        } else {
            push.deleted(name, message.version() == null ? 0 : message.version());
        }
    }
}
