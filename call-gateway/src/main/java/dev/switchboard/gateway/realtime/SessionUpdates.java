package dev.switchboard.gateway.realtime;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** Builds {@code session.update} (GA shape, μ-law both ways) from the agent config and the call's own context. */
public final class SessionUpdates {

    public static final String DEFAULT_VOICE = "marin";
    /** Our session.update's {@code event_id}: OpenAI echoes it in an {@code error} that refuses the update. */
    public static final String EVENT_ID = "switchboard_session_update";

    private SessionUpdates() {
    }

    /** The full update; {@code withVoice} is false for live updates, as the voice is fixed once audio was produced. */
    public static String build(AgentConfig config, CallContext context, List<JsonObject> tools, String model,
                               boolean withVoice) {
        JsonObject output = new JsonObject().put("format", pcmu());
        if (withVoice) {
            output.put("voice", config.voice() == null || config.voice().isBlank() ? DEFAULT_VOICE : config.voice());
        }
        JsonObject input = new JsonObject().put("format", pcmu()).put("turn_detection", turnDetection(config));
        AgentConfig.Transcription transcription = config.transcription();
        if (transcription != null && transcription.model() != null && !transcription.model().isBlank()) {
            JsonObject t = new JsonObject().put("model", transcription.model());
            if (transcription.language() != null && !transcription.language().isBlank()) {
                t.put("language", transcription.language());
            }
            input.put("transcription", t);
        }
        JsonObject session = new JsonObject()
                .put("type", "realtime")
                .put("model", model)
                .put("output_modalities", new JsonArray().add("audio"))
                .put("instructions", instructions(config, context))
                .put("audio", new JsonObject().put("input", input).put("output", output))
                .put("tools", new JsonArray(List.copyOf(tools)))
                .put("tool_choice", "auto");
        return new JsonObject().put("type", "session.update").put("event_id", EVENT_ID).put("session", session)
                .encode();
    }

    /** Whether the server cancels a response itself when the caller starts speaking (the API's default). */
    public static boolean interruptsOnSpeech(AgentConfig config) {
        AgentConfig.TurnDetection td = config.turnDetection();
        return td == null || td.interruptResponse() == null || td.interruptResponse();
    }

    /** The config's instructions, extended by the call's own instructions and variables. */
    public static String instructions(AgentConfig config, CallContext context) {
        String base = config.instructions() == null ? "" : config.instructions();
        if (context == null) {
            return base;
        }
        Map<String, String> variables = context.variableTexts();
        StringBuilder text = new StringBuilder(fill(base, variables));
        if (context.instructions() != null && !context.instructions().isBlank()) {
            text.append(text.isEmpty() ? "" : "\n\n").append(fill(context.instructions(), variables));
        }
        if (!variables.isEmpty()) {
            text.append("\n\nDetails about this call:");
            variables.forEach((name, value) -> text.append("\n- ").append(name).append(": ").append(value));
        }
        return text.toString();
    }

    /** Replaces {@code {{name}}} placeholders with the call's variables. */
    public static String fill(String text, Map<String, String> variables) {
        String filled = text;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            filled = filled.replace("{{" + v.getKey() + "}}", v.getValue() == null ? "" : v.getValue());
        }
        return filled;
    }

    private static JsonObject turnDetection(AgentConfig config) {
        AgentConfig.TurnDetection td = config.turnDetection();
        String type = td == null || td.type() == null ? "server_vad" : td.type();
        JsonObject json = new JsonObject().put("type", type);
        if (td != null) {
            // The thresholds are server_vad's own; semantic_vad has none, and a field a type lacks fails the update.
            if ("server_vad".equals(type)) {
                putIfSet(json, "threshold", td.threshold());
                putIfSet(json, "prefix_padding_ms", td.prefixPaddingMs());
                putIfSet(json, "silence_duration_ms", td.silenceDurationMs());
            }
            putIfSet(json, "create_response", td.createResponse());
            putIfSet(json, "interrupt_response", td.interruptResponse());
        }
        return json;
    }

    private static void putIfSet(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static JsonObject pcmu() {
        return new JsonObject().put("type", "audio/pcmu");
    }
}
