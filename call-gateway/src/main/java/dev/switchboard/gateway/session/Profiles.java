package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.AgentConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of agent profiles: the default one, the named ones, and which profile each number belongs to.
 * {@code versions} remembers the last version seen of each name, deletions included, so that an older version
 * (a snapshot and an update can cross on the wire) never replaces a newer one.
 */
record Profiles(AgentConfig defaults, Map<String, AgentConfig> byName, Map<String, String> byNumber,
                Map<String, Long> versions) {

    static Profiles of(AgentConfig defaults) {
        return new Profiles(defaults, Map.of(), Map.of(), Map.of());
    }

    AgentConfig named(String name) {
        return AgentConfig.DEFAULT_PROFILE.equals(name) ? defaults : byName.get(name);
    }

    AgentConfig forNumber(String to) {
        String name = to == null ? null : byNumber.get(to);
        AgentConfig profile = name == null ? null : byName.get(name);
        return profile == null ? defaults : profile;
    }

    /** With {@code config} as its profile's version, unless that is older than one already seen (then this). */
    Profiles with(AgentConfig config) {
        String name = config.profileName();
        if (config.version() < versions.getOrDefault(name, Long.MIN_VALUE)) {
            return this;
        }
        Map<String, Long> seen = new HashMap<>(versions);
        seen.put(name, config.version());
        if (AgentConfig.DEFAULT_PROFILE.equals(name)) {
            return new Profiles(config, byName, byNumber, Map.copyOf(seen));
        }
        Map<String, AgentConfig> named = new HashMap<>(byName);
        named.put(name, config);
        return new Profiles(defaults, Map.copyOf(named), numbers(named), Map.copyOf(seen));
    }

    Profiles without(String name, long version) {
        if (AgentConfig.DEFAULT_PROFILE.equals(name) || version < versions.getOrDefault(name, Long.MIN_VALUE)) {
            return this;
        }
        Map<String, Long> seen = new HashMap<>(versions);
        seen.put(name, version);
        Map<String, AgentConfig> named = new HashMap<>(byName);
        named.remove(name);
        return new Profiles(defaults, Map.copyOf(named), numbers(named), Map.copyOf(seen));
    }

    /** control-api's whole set: named profiles it no longer lists are gone; no profile goes back a version. */
    Profiles replacedBy(AgentConfig newDefaults, List<AgentConfig> named) {
        Profiles next = newDefaults == null ? this : with(newDefaults);
        if (named == null) {
            return next;   // an older control-api: it has no named profiles to send
        }
        for (String name : List.copyOf(byName.keySet())) {
            if (named.stream().noneMatch(p -> name.equals(p.profileName()))) {
                Map<String, AgentConfig> kept = new HashMap<>(next.byName);
                kept.remove(name);
                next = new Profiles(next.defaults, Map.copyOf(kept), numbers(kept), next.versions);
            }
        }
        for (AgentConfig profile : named) {
            next = next.with(profile);
        }
        return next;
    }

    private static Map<String, String> numbers(Map<String, AgentConfig> named) {
        Map<String, String> numbers = new HashMap<>();
        named.forEach((name, profile) -> {
            if (profile.numbers() != null) {
                profile.numbers().forEach(number -> numbers.put(number, name));
            }
        });
        return Map.copyOf(numbers);
    }
}
