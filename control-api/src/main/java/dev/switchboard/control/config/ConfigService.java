package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** The agent config of {@code /api/config}: the {@code default} profile (built-in, version 0, until changed). */
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

    private final ProfileService profiles;

    ConfigService(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** The default profile's current version. */
    public AgentConfig current() {
        return profiles.current(AgentConfig.DEFAULT_PROFILE);
    }

    /** The current version of the call's profile, or the default one when it names none or one since deleted. */
    public AgentConfig forProfile(String name) {
        return name == null ? current() : profiles.find(name).orElseGet(this::current);
    }

    /** The current version of every profile but the default one, for a gateway's snapshot. */
    public List<AgentConfig> namedProfiles() {
        return profiles.all().stream().filter(c -> !ProfileService.isDefault(c.profile())).toList();
    }

    /**
     * Validates and stores {@code proposed} as the default profile's next version, then distributes it. With
     * {@code expectedVersion} set, the write only succeeds if that is still the current version.
     */
    public AgentConfig replace(AgentConfig proposed, Long expectedVersion) {
        return profiles.put(AgentConfig.DEFAULT_PROFILE, proposed, expectedVersion, false).config();
    }
}
