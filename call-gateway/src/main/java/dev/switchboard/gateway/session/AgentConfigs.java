package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.AgentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Holds the agent profiles new calls start with, as control-api pushes them (docs/protocol.md): the default one and
 * any named ones with their numbers. A call resolves its profile once, at its start, and keeps that version.
 */
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

    private final AtomicReference<Profiles> profiles = new AtomicReference<>(Profiles.of(BUILT_IN));

    /** The config a call with no profile of its own starts with: the default profile. */
    public AgentConfig current() {
        return profiles.get().defaults();
    }

    /**
     * The profile a call starts with, resolved once at its start: the one its dial named ({@code named}, from the
     * call's context), else the one holding the called number {@code to}, else the default one.
     */
    public AgentConfig forCall(String named, String to) {
        Profiles held = profiles.get();
        if (named != null) {
            AgentConfig profile = held.named(named);
            if (profile != null) {
                return profile;
            }
            Log.warnf("the call names profile %s, which this gateway does not hold: default profile used",
                    named);
        }
        return held.forNumber(to);
    }

    /** Replaces the default profile for new calls (calls in progress keep the version they started with). */
    public void apply(AgentConfig config) {
        if (config != null) {
            update(held -> new Profiles(config, held.byName(), held.byNumber()));
            Log.infof("agent profile default version %d applied", config.version());
        }
    }

    /** A new version of a named profile (the default one when it names none). */
    public void applyProfile(AgentConfig config) {
        if (config != null) {
            update(held -> held.with(config));
            Log.infof("agent profile %s version %d applied", config.profileName(), config.version());
        }
    }

    /** A named profile was deleted: its numbers' calls get the default profile from now on. */
    public void deleted(String name) {
        if (name != null && !AgentConfig.DEFAULT_PROFILE.equals(name)) {
            update(held -> held.without(name));
            Log.infof("agent profile %s deleted", name);
        }
    }

    /** control-api's full set: the default profile (null: keep the one held) and every other; others are gone. */
    public void snapshot(AgentConfig defaults, List<AgentConfig> named) {
        update(held -> {
            Profiles next = Profiles.of(defaults == null ? held.defaults() : defaults);
            for (AgentConfig profile : named) {
                next = next.with(profile);
            }
            return next;
        });
        Log.infof("agent profiles applied from a snapshot: default version %d and %d others",
                current().version(), named.size());
    }

    /** The named profiles this gateway holds now. */
    public List<String> named() {
        return List.copyOf(profiles.get().byName().keySet());
    }

    private void update(UnaryOperator<Profiles> change) {
        profiles.getAndUpdate(change);
    }
}
