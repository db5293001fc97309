package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.AgentConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable set of agent profiles: the default one, the named ones, and which profile each number belongs to. */
record Profiles(AgentConfig defaults, Map<String, AgentConfig> byName, Map<String, String> byNumber) {

    static Profiles of(AgentConfig defaults) {
        return new Profiles(defaults, Map.of(), Map.of());
    }

    AgentConfig named(String name) {
        return AgentConfig.DEFAULT_PROFILE.equals(name) ? defaults : byName.get(name);
    }

    AgentConfig forNumber(String to) {
        String name = to == null ? null : byNumber.get(to);
        AgentConfig profile = name == null ? null : byName.get(name);
        return profile == null ? defaults : profile;
    }

    /** With {@code config} as its profile's current version. */
    Profiles with(AgentConfig config) {
        String name = config.profileName();
        if (AgentConfig.DEFAULT_PROFILE.equals(name)) {
            return new Profiles(config, byName, byNumber);
        }
        Map<String, AgentConfig> named = new HashMap<>(byName);
        named.put(name, config);
        return of(defaults, named);
    }

    Profiles without(String name) {
        Map<String, AgentConfig> named = new HashMap<>(byName);
        named.remove(name);
        return of(defaults, named);
    }

    private static Profiles of(AgentConfig defaults, Map<String, AgentConfig> named) {
        Map<String, String> numbers = new HashMap<>();
        named.forEach((name, profile) -> {
            if (profile.numbers() != null) {
                profile.numbers().forEach(number -> numbers.put(number, name));
            }
        });
        return new Profiles(defaults, Map.copyOf(named), Map.copyOf(numbers));
    }
}
