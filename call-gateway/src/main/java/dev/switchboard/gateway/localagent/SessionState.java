package dev.switchboard.gateway.localagent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Set;

/**
 * The effective session of one local-agent connection: {@code session.update} merges into it the way the Realtime
 * API does (only the fields present change; objects merge, an explicit null clears).
 */
final class SessionState {

    private static final String PCMU = "audio/pcmu";

    private final JsonObject session;

    SessionState(String sessionId) {
        JsonObject format = new JsonObject().put("type", PCMU);
        JsonObject turnDetection = new JsonObject().put("type", "server_vad").put("threshold", 0.5)
                .put("prefix_padding_ms", 300).put("silence_duration_ms", 500)
                .put("create_response", true).put("interrupt_response", true).putNull("idle_timeout_ms");
        session = new JsonObject().put("type", "realtime").put("object", "realtime.session")
                .put("id", "sess_" + sessionId).put("model", "local-agent")
                .put("output_modalities", new JsonArray().add("audio")).put("instructions", "")
                .put("audio", new JsonObject()
                        .put("input", new JsonObject().put("format", format.copy()).put("turn_detection", turnDetection)
                                .putNull("transcription"))
                        .put("output", new JsonObject().put("format", format.copy()).put("voice", "alloy")))
                .put("tools", new JsonArray()).put("tool_choice", "auto");
    }

    /** Applies a {@code session.update}'s session object; returns a problem to report, or null when applied. */
    String update(JsonObject changes) {
        if (changes == null) {
            return "session is required.";
        }
        if (!"realtime".equals(changes.getValue("type"))) {
            return "session.type must be \"realtime\".";
        }
        if (!pcmuOrAbsent(changes, "input") || !pcmuOrAbsent(changes, "output")) {
            return "The local agent speaks audio/pcmu only.";
        }
        merge(session, changes);
        return null;
    }

    JsonObject view() {
        return session.copy();
    }

    boolean vad() {
        return turnDetection() != null;
    }

    int silenceDurationMs() {
        return vad() ? turnDetection().getInteger("silence_duration_ms", 500) : 500;
    }

    int prefixPaddingMs() {
        return vad() ? turnDetection().getInteger("prefix_padding_ms", 300) : 300;
    }

    boolean createResponse() {
        return vad() && turnDetection().getBoolean("create_response", true);
    }

    boolean interruptResponse() {
        return vad() && turnDetection().getBoolean("interrupt_response", true);
    }

    Set<String> toolNames() {
        Set<String> names = new HashSet<>();
        JsonArray tools = session.getJsonArray("tools", new JsonArray());
        for (int i = 0; i < tools.size(); i++) {
            if (tools.getValue(i) instanceof JsonObject tool && tool.getString("name") != null) {
                names.add(tool.getString("name"));
            }
        }
        return names;
    }

    private JsonObject turnDetection() {
        return session.getJsonObject("audio").getJsonObject("input").getJsonObject("turn_detection");
    }

    private static boolean pcmuOrAbsent(JsonObject changes, String direction) {
        Object audio = changes.getValue("audio");
        if (!(audio instanceof JsonObject a) || !(a.getValue(direction) instanceof JsonObject d)
                || !(d.getValue("format") instanceof JsonObject format)) {
            return true;
        }
        return PCMU.equals(format.getValue("type"));
    }

    private static void merge(JsonObject into, JsonObject changes) {
        for (String key : changes.fieldNames()) {
            Object value = changes.getValue(key);
            if (value instanceof JsonObject nested && into.getValue(key) instanceof JsonObject existing) {
                merge(existing, nested);
            } else {
                into.put(key, value);
            }
        }
    }
}
