package dev.switchboard.gateway.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Client events sent to OpenAI Realtime (GA names), but audio, which {@link RealtimeAudioCodec} writes. */
final class ClientEvents {

    static final String RESPONSE_CREATE = "{\"type\":\"response.create\"}";
    static final String RESPONSE_CANCEL = "{\"type\":\"response.cancel\"}";

    private ClientEvents() {
    }

    static String truncate(String itemId, long audioEndMs) {
        return new JsonObject().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", 0).put("audio_end_ms", audioEndMs).encode();
    }

    static String functionCallOutput(String callId, String output) {
        return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "function_call_output").put("call_id", callId).put("output", output)).encode();
    }

    /** A short user message, e.g. to tell the model which key the caller pressed. */
    static String userText(String text) {
        JsonObject content = new JsonObject().put("type", "input_text").put("text", text);
        return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "message").put("role", "user").put("content", new JsonArray().add(content))).encode();
    }

    /** A past turn of the conversation, given back to a reopened session. */
    static String historyItem(boolean caller, String text) {
        JsonObject content = new JsonObject().put("type", caller ? "input_text" : "output_text").put("text", text);
        return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "message").put("role", caller ? "user" : "assistant")
                .put("content", new JsonArray().add(content))).encode();
    }

    /** A past function call (Realtime {@code function_call} item), so its output can follow it. */
    static String functionCallItem(String name, String callId, String arguments) {
        return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "function_call").put("name", name).put("call_id", callId)
                .put("arguments", arguments == null ? "{}" : arguments)).encode();
    }

    /** A response with its own instructions, used for the greeting so no fake caller turn enters the history. */
    static String responseWithInstructions(String instructions) {
        return new JsonObject().put("type", "response.create")
                .put("response", new JsonObject().put("instructions", instructions)).encode();
    }

    /**
     * An out-of-band response (outside the conversation, without its context) in which the model only tells the
     * caller to hold on, spoken in the session's own voice.
     */
    static String filler() {
        return new JsonObject().put("type", "response.create").put("response", new JsonObject()
                .put("conversation", "none")
                .put("input", new JsonArray())
                .put("tool_choice", "none")
                .put("instructions", "In the caller's language, tell the caller in a few words that you are "
                        + "checking, for example: \"One moment, please.\" Say nothing else.")).encode();
    }
}
