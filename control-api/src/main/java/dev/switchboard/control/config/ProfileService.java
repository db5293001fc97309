package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Named agent profiles, each a versioned {@link AgentConfig} with its numbers. {@code default} always exists (the
 * built-in config, version 0, until its first change) and cannot be deleted. Every accepted change is a new version,
 * committed and then distributed to the gateways. Read from the store each time, so replicas sharing PostgreSQL agree.
 */
@ApplicationScoped
public class ProfileService {

    /** A stored change; {@code created}: the profile did not exist before it. */
    public record Stored(AgentConfig config, boolean created) { }

    private final ProfileStore store;
    private final ConfigValidator validator;
    private final ConfigDistribution distribution;

    ProfileService(ProfileStore store, ConfigValidator validator, ConfigDistribution distribution) {
        this.store = store;
        this.validator = validator;
        this.distribution = distribution;
    }

    /** The current version of {@code name}; empty when there is no such profile (or it was deleted). */
    public Optional<AgentConfig> find(String name) {
        if (!ProfileNames.valid(name)) {
            return Optional.empty();
        }
        Optional<ProfileStore.Row> latest = store.latest(name);
        if (latest.isEmpty()) {
            return isDefault(name) ? Optional.of(builtIn()) : Optional.empty();
        }
        return Optional.ofNullable(latest.get().config());
    }

    /** The current version of {@code name}; 404 when there is none. */
    public AgentConfig current(String name) {
        return find(ProfileNames.check(name)).orElseThrow(() -> ProfileException.notFound(name));
    }

    /** Every profile's current version, {@code default} included: what a gateway needs to run any call. */
    public List<AgentConfig> all() {
        List<AgentConfig> all = new ArrayList<>(store.current().stream().map(ProfileStore.Row::config).toList());
        if (all.stream().noneMatch(c -> isDefault(c.profile()))) {
            all.addFirst(builtIn());
        }
        return all;
    }

    public List<ProfileSummary> list() {
        List<ProfileSummary> list = new ArrayList<>(store.current().stream().map(row -> new ProfileSummary(row.name(),
                row.version(), row.config().numbers(), row.createdAt())).toList());
        if (list.stream().noneMatch(p -> isDefault(p.name()))) {
            list.addFirst(new ProfileSummary(AgentConfig.DEFAULT_PROFILE, 0, List.of(), null));
        }
        return list;
    }

    /** Every version of {@code name}, newest first; the default profile's built-in version 0 is the last. */
    public List<ProfileVersion> versions(String name) {
        current(name);
        List<ProfileVersion> versions = new ArrayList<>(store.versions(name).stream()
                .map(row -> new ProfileVersion(row.version(), row.createdAt(), row.deleted())).toList());
        if (isDefault(name)) {
            versions.add(new ProfileVersion(0, null, false));
        }
        return versions;
    }

    public AgentConfig version(String name, long version) {
        current(name);
        if (isDefault(name) && version == 0) {
            return builtIn();
        }
        return store.version(name, version).map(ProfileStore.Row::config)
                .orElseThrow(() -> ProfileException.versionNotFound(name, version));
    }

    /**
     * Validates and stores {@code proposed} as the next version of {@code name}, then distributes it. With
     * {@code expectedVersion} set the write succeeds only if that is still the current version ({@code If-Match});
     * with {@code createOnly} only if the profile does not exist ({@code If-None-Match: *}). Else
     * {@link StaleConfigException}.
     */
    public Stored put(String name, AgentConfig proposed, Long expectedVersion, boolean createOnly) {
        ProfileNames.check(name);
        validator.validate(proposed);
        // Without a precondition the writer only wants "latest wins": a lost race is retried, not reported.
        for (int attempt = 0; ; attempt++) {
            Optional<ProfileStore.Row> latest = store.latest(name);
            boolean exists = latest.map(row -> !row.deleted()).orElse(isDefault(name));
            long base = latest.map(ProfileStore.Row::version).orElse(0L);
            if (createOnly && exists) {
                throw new StaleConfigException(base);
            }
            if (expectedVersion != null && (expectedVersion != base || !exists)) {
                throw new StaleConfigException(base);
            }
            AgentConfig stored = proposed.asProfile(name, base + 1, proposed.numbers());
            if (store.insert(name, stored.version(), stored)) {
                Log.infof("config: profile %s version %d stored", name, stored.version());
                announce(stored);
                return new Stored(stored, !exists);
            }
            if (expectedVersion != null || createOnly || attempt == 2) {
                throw new StaleConfigException(store.latest(name).map(ProfileStore.Row::version).orElse(0L));
            }
        }
    }

    /** Deletes {@code name} (a new version without a body); the default profile cannot be deleted. */
    public void delete(String name, Long expectedVersion) {
        AgentConfig current = current(name);
        if (isDefault(name)) {
            throw ProfileException.defaultUndeletable();
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new StaleConfigException(current.version());
        }
        long version = current.version() + 1;
        if (!store.insert(name, version, null)) {
            throw new StaleConfigException(store.latest(name).map(ProfileStore.Row::version).orElse(0L));
        }
        Log.infof("config: profile %s deleted at version %d", name, version);
        try {
            distribution.deleted(name, version);
        } catch (RuntimeException e) {
            Log.warnf(e, "config: profile %s deleted but its distribution failed", name);
        }
    }

    /** Stores version {@code version} of {@code name} again, as its next version. */
    public Stored rollback(String name, long version, Long expectedVersion) {
        AgentConfig old = version(name, version);
        return put(name, old, expectedVersion == null ? current(name).version() : expectedVersion, false);
    }

    private void announce(AgentConfig stored) {
        try {
            distribution.distribute(stored);
        } catch (RuntimeException e) {
            // The change is committed; a failing push must not turn an accepted write into an error.
            Log.warnf(e, "config: profile %s version %d stored but its distribution failed", stored.profileName(),
                    stored.version());
        }
    }

    static boolean isDefault(String name) {
        return name == null || AgentConfig.DEFAULT_PROFILE.equals(name);
    }

    private static AgentConfig builtIn() {
        return ConfigService.DEFAULT.asProfile(AgentConfig.DEFAULT_PROFILE, 0, List.of());
    }
}
