package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's session config: served by control-api's /api/config, pushed to gateways in {@code config.snapshot}
 * and {@code config.updated} (docs/protocol.md); the JSON field names are the contract.
 * {@code version} is control-api's ETag value, counted per profile; 0 means the built-in default.
 * {@code profile} names the agent profile this config is a version of (null or {@value #DEFAULT_PROFILE}: the default
 * one); {@code numbers} are the phone numbers whose inbound calls get this profile (docs/api.md, Profiles).
 * {@code recordingDisclosure} is what the agent says first on a recorded call: null means
 * {@link #DEFAULT_RECORDING_DISCLOSURE}, an empty text says nothing.
 */
public record AgentConfig(
        long version,
        String instructions,
        String voice,
        String greeting,
        TurnDetection turnDetection,
        Transcription transcription,
        List<Tool> tools,
        @JsonInclude(JsonInclude.Include.NON_NULL) String profile,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> numbers,
        @JsonInclude(JsonInclude.Include.NON_NULL) String recordingDisclosure) {

    /** What the agent says first on a recorded call unless the config says otherwise. */
    public static final String DEFAULT_RECORDING_DISCLOSURE = "This call is recorded.";

    /** A config of a profile with the default recording disclosure. */
    public AgentConfig(long version, String instructions, String voice, String greeting, TurnDetection turnDetection,
                       Transcription transcription, List<Tool> tools, String profile, List<String> numbers) {
        this(version, instructions, voice, greeting, turnDetection, transcription, tools, profile, numbers, null);
    }

    /** A config of no named profile (the default one) with this recording disclosure. */
    public AgentConfig(long version, String instructions, String voice, String greeting, TurnDetection turnDetection,
                       Transcription transcription, List<Tool> tools, String recordingDisclosure) {
        this(version, instructions, voice, greeting, turnDetection, transcription, tools, null, null,
                recordingDisclosure);
    }

    /** The line a recorded call starts with; empty when the disclosure is turned off. */
    public String disclosure() {
        return recordingDisclosure == null ? DEFAULT_RECORDING_DISCLOSURE : recordingDisclosure.strip();
    }

    /** The built-in tool that hands the caller to a person. */
    public static final String TRANSFER_TOOL = "transfer_call";

    /** The profile every call gets unless a number or the dial names another. */
    public static final String DEFAULT_PROFILE = "default";

    /** A config of no named profile (the default one). */
    public AgentConfig(long version, String instructions, String voice, String greeting, TurnDetection turnDetection,
                       Transcription transcription, List<Tool> tools) {
        this(version, instructions, voice, greeting, turnDetection, transcription, tools, null, null, null);
    }

    /** The profile's name; {@value #DEFAULT_PROFILE} when none is set. */
    public String profileName() {
        return profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile;
    }

    /** The same config as version {@code newVersion} of profile {@code name} with {@code phoneNumbers}. */
    public AgentConfig asProfile(String name, long newVersion, List<String> phoneNumbers) {
        return new AgentConfig(newVersion, instructions, voice, greeting, turnDetection, transcription,
                tools == null ? List.of() : tools, name, phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers),
                recordingDisclosure);
    }

    /** Server VAD settings, as in the Realtime API's {@code audio.input.turn_detection}. */
    public record TurnDetection(String type, Double threshold, Integer prefixPaddingMs, Integer silenceDurationMs,
                                Boolean createResponse, Boolean interruptResponse) { }

    /** Input transcription; {@code language} is ISO-639-1 or null. */
    public record Transcription(String model, String language) { }

    /**
     * A tool offered to the model. {@code kind} is {@code builtin} (end_call, transfer_call, demo tools)
     * or {@code webhook} (POSTed to {@code url} with {@code timeoutMs}). {@code parameters} is a JSON schema.
     * {@code target} (transfer_call only) is the E.164 number or sip: URI the call is transferred to.
     * {@code idempotent} (webhooks only) lets the gateway retry after a connection failure or a 502/503/504.
     */
    public record Tool(String name, String kind, String description, Map<String, Object> parameters,
                       String url, Integer timeoutMs, Boolean enabled, Boolean idempotent, String target) {

        /** A tool without the idempotent flag (not retried). */
        public Tool(String name, String kind, String description, Map<String, Object> parameters, String url,
                    Integer timeoutMs, Boolean enabled) {
            this(name, kind, description, parameters, url, timeoutMs, enabled, null, null);
        }

        /** A tool without a transfer target. */
        public Tool(String name, String kind, String description, Map<String, Object> parameters, String url,
                    Integer timeoutMs, Boolean enabled, Boolean idempotent) {
            this(name, kind, description, parameters, url, timeoutMs, enabled, idempotent, null);
        }
    }

    /**
     * Where {@code transfer_call} sends the caller: the {@code target} of the enabled built-in tool of that name.
     * It lives in the config, never in the model's arguments, so the model cannot dial a number of its choosing.
     */
    public Optional<String> transferTarget() {
        if (tools == null) {
            return Optional.empty();
        }
        return tools.stream().filter(t -> t != null && TRANSFER_TOOL.equals(t.name()) && "builtin".equals(t.kind())
                        && !Boolean.FALSE.equals(t.enabled()) && t.target() != null && !t.target().isBlank())
                .map(Tool::target).findFirst();
    }
}
