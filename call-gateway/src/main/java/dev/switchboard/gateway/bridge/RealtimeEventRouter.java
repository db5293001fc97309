package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.SessionUpdates;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;

/** Routes OpenAI Realtime server events (GA names, and the beta names compatible servers still send) to a call. */
final class RealtimeEventRouter {

    private RealtimeEventRouter() {
    }

    static void route(CallBridge call, JsonObject event) {
        try {
            dispatch(call, event);
        } catch (ClassCastException e) {
            Log.warnf("[call=%s] dropped a malformed Realtime event %s", call.callSid(), event.getValue("type"));
        }
    }

    private static void dispatch(CallBridge call, JsonObject e) {
        switch (e.getString("type", "")) {
            case "session.created" -> call.session.acknowledged();
            case "session.updated" ->
                    call.session.updated(e.getValue("session") instanceof JsonObject session ? session : null);
            case "response.output_audio.delta", "response.audio.delta" ->
                    call.onAgentAudio(e.getString("response_id"), e.getString("item_id"), text(e, "delta"));
            case "input_audio_buffer.speech_started" -> call.onSpeechStarted();
            case "input_audio_buffer.speech_stopped" -> call.onSpeechStopped();
            case "response.created" -> call.responses.started();
            case "response.done" -> call.onResponseDone();
            case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                    call.onAgentTranscript(e.getString("delta"), false, e.getString("item_id"));
            case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
                    call.onAgentTranscript(e.getString("transcript"), true, e.getString("item_id"));
            case "conversation.item.input_audio_transcription.completed" ->
                    call.onCallerTranscript(e.getString("transcript"), e.getString("item_id"));
            case "response.function_call_arguments.done" ->
                    call.tools.onFunctionCall(e.getString("name"), e.getString("call_id"), e.getString("arguments"));
            case "response.output_item.done" -> functionCallItem(call, e.getJsonObject("item"));
            case "error" -> error(call, e.getJsonObject("error"));
            default -> Log.tracef("[call=%s] Realtime event %s ignored", call.callSid(), e.getString("type"));
        }
    }

    /** A field only if it really is a string (JsonObject.getString would turn a number into one). */
    private static String text(JsonObject event, String key) {
        return event.getValue(key) instanceof String value ? value : null;
    }

    private static void functionCallItem(CallBridge call, JsonObject item) {
        if (item != null && "function_call".equals(item.getString("type"))) {
            call.tools.onFunctionCall(item.getString("name"), item.getString("call_id"), item.getString("arguments"));
        }
    }

    /**
     * Realtime errors are mostly recoverable: log, report, and keep the call going. A refused session.update is said
     * loudly: the session then keeps its defaults, whose audio is not the μ-law Twilio needs.
     */
    private static void error(CallBridge call, JsonObject error) {
        String message = error == null ? "unknown error" : error.getString("message", "unknown error");
        String code = error == null ? null : error.getString("code");
        if (error != null && SessionUpdates.EVENT_ID.equals(error.getString("event_id"))) {
            Log.errorf("[call=%s] the Realtime session refused its configuration (%s: %s): the caller may hear noise "
                    + "and the agent lacks its instructions", call.callSid(), code, message);
            call.publish.error("The Realtime session refused its configuration: " + message);
            return;
        }
        Log.warnf("[call=%s] Realtime error %s: %s", call.callSid(), code, message);
        call.publish.error(message);
    }
}
