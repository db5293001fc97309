package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.logs.CallMdc;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;

/**
 * Reads OpenAI Realtime server events (GA names, and the beta names compatible servers still send) into the typed
 * calls of {@link AgentEvents}.
 */
final class ServerEvents {

    private ServerEvents() {
    }

    static void dispatch(String callSid, JsonObject event, AgentEvents to) {
        try {
            read(callSid, event, to);
        } catch (ClassCastException e) {
            CallMdc.run(callSid, () -> Log.warnf("dropped a malformed Realtime event %s", event.getValue("type")));
        }
    }

    private static void read(String callSid, JsonObject e, AgentEvents to) {
        switch (e.getString("type", "")) {
            case "session.created" -> to.sessionCreated();
            case "session.updated" -> to.sessionUpdated(
                    SessionAudioCheck.notMuLaw(e.getValue("session") instanceof JsonObject session ? session : null));
            case "response.output_audio.delta", "response.audio.delta" ->
                    to.agentAudio(e.getString("response_id"), e.getString("item_id"), text(e, "delta"));
            case "input_audio_buffer.speech_started" -> to.speechStarted();
            case "input_audio_buffer.speech_stopped" -> to.speechStopped();
            case "response.created" -> to.responseCreated();
            case "response.done" -> to.responseDone(usage(e.getValue("response")));
            case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                    to.agentTranscript(e.getString("delta"), false, e.getString("item_id"));
            case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
                    to.agentTranscript(e.getString("transcript"), true, e.getString("item_id"));
            case "conversation.item.input_audio_transcription.completed" ->
                    to.callerTranscript(e.getString("transcript"), e.getString("item_id"));
            case "response.function_call_arguments.done" ->
                    to.functionCall(e.getString("name"), e.getString("call_id"), e.getString("arguments"));
            case "response.output_item.done" -> functionCallItem(e.getJsonObject("item"), to);
            case "error" -> error(e.getJsonObject("error"), to);
            default -> CallMdc.run(callSid, () -> Log.tracef("Realtime event %s ignored", e.getString("type")));
        }
    }

    /** A field only if it really is a string (JsonObject.getString would turn a number into one). */
    private static String text(JsonObject event, String key) {
        return event.getValue(key) instanceof String value ? value : null;
    }

    private static TokenUsage usage(Object response) {
        return response instanceof JsonObject r && r.getValue("usage") instanceof JsonObject usage
                ? TokenUsage.of(usage) : TokenUsage.NONE;
    }

    private static void functionCallItem(JsonObject item, AgentEvents to) {
        if (item != null && "function_call".equals(item.getString("type"))) {
            to.functionCall(item.getString("name"), item.getString("call_id"), item.getString("arguments"));
        }
    }

    /** OpenAI echoes our session.update's {@code event_id} in an error that refuses it. */
    private static void error(JsonObject error, AgentEvents to) {
        String message = error == null ? "unknown error" : error.getString("message", "unknown error");
        String code = error == null ? null : error.getString("code");
        boolean refused = error != null && SessionUpdates.EVENT_ID.equals(error.getString("event_id"));
        to.error(code, message, refused);
    }
}
