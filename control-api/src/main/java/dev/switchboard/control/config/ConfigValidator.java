package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a config must meet before it is stored; the first broken rule names its field. */
@ApplicationScoped
class ConfigValidator {

    /** The Realtime API's GA voices (OpenAI's Realtime API reference; listed in docs/api.md). */
    static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse",
            "marin", "cedar");
    static final Set<String> TURN_DETECTION_TYPES = Set.of("server_vad", "semantic_vad");
    static final Set<String> TOOL_KINDS = Set.of("builtin", "webhook");
    static final Set<String> SCHEMA_TYPES = Set.of("object", "string", "number", "integer", "boolean", "array", "null");
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 30_000;
    static final int MAX_TOOLS = 64;
    static final int MAX_NUMBERS = 100;

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern E164 = Pattern.compile(TransferTargets.E164_NUMBER);

    void validate(AgentConfig config) {
        require(config != null, "body", "a config object is required");
        require(config.instructions() != null, "instructions", "is required");
        require(config.instructions().length() <= 32_000, "instructions", "is longer than 32000 characters");
        require(config.voice() != null && VOICES.contains(config.voice()), "voice",
                "must be one of " + String.join(", ", VOICES.stream().sorted().toList()));
        require(config.greeting() == null || config.greeting().length() <= 2_000, "greeting",
                "is longer than 2000 characters");
        require(config.recordingDisclosure() == null || config.recordingDisclosure().length() <= 500,
                "recordingDisclosure", "is longer than 500 characters");
        turnDetection(config.turnDetection());
        transcription(config.transcription());
        tools(config.tools() == null ? List.of() : config.tools());
        numbers(config.numbers() == null ? List.of() : config.numbers());
    }

    // A profile's numbers: the called numbers whose inbound calls get it (docs/api.md, Profiles).
    private void numbers(List<String> numbers) {
        require(numbers.size() <= MAX_NUMBERS, "numbers", "at most " + MAX_NUMBERS + " numbers");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            require(number != null && E164.matcher(number).matches(), "numbers[" + i + "]",
                    "must be an E.164 number like +14155550123");
            require(seen.add(number), "numbers[" + i + "]", "is listed twice");
        }
    }

    private void turnDetection(AgentConfig.TurnDetection vad) {
        if (vad == null) {
            return;
        }
        require(vad.type() != null && TURN_DETECTION_TYPES.contains(vad.type()), "turnDetection.type",
                "must be server_vad or semantic_vad");
        require(vad.threshold() == null || (vad.threshold() >= 0 && vad.threshold() <= 1), "turnDetection.threshold",
                "must be between 0 and 1");
        require(vad.prefixPaddingMs() == null || (vad.prefixPaddingMs() >= 0 && vad.prefixPaddingMs() <= 5_000),
                "turnDetection.prefixPaddingMs", "must be between 0 and 5000");
        require(vad.silenceDurationMs() == null || (vad.silenceDurationMs() >= 0 && vad.silenceDurationMs() <= 10_000),
                "turnDetection.silenceDurationMs", "must be between 0 and 10000");
    }

    private void transcription(AgentConfig.Transcription transcription) {
        if (transcription == null) {
            return;
        }
        require(transcription.model() != null && !transcription.model().isBlank(), "transcription.model",
                "is required when transcription is set");
        require(transcription.language() == null || LANGUAGE.matcher(transcription.language()).matches(),
                "transcription.language", "must be an ISO-639-1 code such as en");
    }

    private void tools(List<AgentConfig.Tool> tools) {
        require(tools.size() <= MAX_TOOLS, "tools", "at most " + MAX_TOOLS + " tools");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            AgentConfig.Tool tool = tools.get(i);
            require(tool != null, at, "must be an object");
            require(tool.name() != null && TOOL_NAME.matcher(tool.name()).matches(), at + ".name",
                    "must be 1-64 letters, digits, _ or -");
            require(names.add(tool.name()), at + ".name", "duplicates another tool's name");
            require(tool.kind() != null && TOOL_KINDS.contains(tool.kind()), at + ".kind", "must be builtin or webhook");
            require(tool.description() == null || tool.description().length() <= 1_024, at + ".description",
                    "is longer than 1024 characters");
            schema(tool.parameters(), at + ".parameters");
            if ("webhook".equals(tool.kind())) {
                webhook(tool, at);
            }
            if (AgentConfig.TRANSFER_TOOL.equals(tool.name()) && "builtin".equals(tool.kind())) {
                transfer(tool, at);
            }
        }
    }

    private void webhook(AgentConfig.Tool tool, String at) {
        require(tool.url() != null && isHttpUrl(tool.url()), at + ".url", "must be an absolute http(s) URL");
        require(tool.timeoutMs() == null || (tool.timeoutMs() >= MIN_TIMEOUT_MS && tool.timeoutMs() <= MAX_TIMEOUT_MS),
                at + ".timeoutMs", "must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS);
    }

    // The model never names the number: an enabled transfer_call must carry its own target.
    private void transfer(AgentConfig.Tool tool, String at) {
        require(tool.target() != null || Boolean.FALSE.equals(tool.enabled()), at + ".target",
                "is required when transfer_call is enabled");
        require(tool.target() == null || TransferTargets.valid(tool.target()), at + ".target", TransferTargets.PROBLEM);
    }

    /** A tool's parameters must be a JSON schema object: {"type": "object", "properties": {name: {type}}}. */
    private void schema(Map<String, Object> schema, String at) {
        if (schema == null) {
            return;
        }
        require("object".equals(schema.get("type")), at + ".type", "must be \"object\"");
        Object properties = schema.get("properties");
        require(properties == null || properties instanceof Map, at + ".properties", "must be an object");
        if (properties instanceof Map<?, ?> props) {
            for (Map.Entry<?, ?> property : props.entrySet()) {
                String where = at + ".properties." + property.getKey();
                require(property.getValue() instanceof Map, where, "must be a schema object");
                Object type = ((Map<?, ?>) property.getValue()).get("type");
                require(type == null || (type instanceof String s && SCHEMA_TYPES.contains(s)), where + ".type",
                        "must be a JSON schema type");
            }
        }
        Object required = schema.get("required");
        require(required == null || (required instanceof List<?> list && list.stream().allMatch(String.class::isInstance)),
                at + ".required", "must be a list of property names");
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean rule, String field, String problem) {
        if (!rule) {
            throw new InvalidConfigException(field, problem);
        }
    }
}
