package dev.switchboard.gateway.localagent;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One connection to the local agent, speaking the server side of the Realtime API (GA event names): it takes the
 * client events a Realtime client sends and answers the way OpenAI's server does, following {@link AgentScript}.
 * Confined to one event loop; all state dies with the connection.
 */
final class LocalAgentSession implements SpeechDetector.Listener {

    /** Linear RMS over a 20 ms window above which a window counts as speech (silence decodes to 0). */
    private static final double SPEECH_RMS = 300;

    private final Vertx vertx;
    private final AgentScript script;
    private final long chunkIntervalMs;
    private final Consumer<String> out;
    private final Ids ids;
    private final SessionState state;
    private final SpeechDetector detector = new SpeechDetector(this, SPEECH_RMS);
    private final Map<String, String> toolNameByCallId = new HashMap<>();
    private final Map<String, Integer> audioMsByItem = new HashMap<>();
    private final TokenMeter tokens = new TokenMeter();
    private ResponseStream speaking;
    private String speechItemId;
    private String lastItemId;
    private long bufferedBytes;
    private int callerTurns;
    private int answeredTurns;
    private boolean greeted;
    private String toolOutputPending;
    private boolean closed;

    LocalAgentSession(Vertx vertx, AgentScript script, long chunkIntervalMs, String sessionId, Consumer<String> out) {
        this.vertx = vertx;
        this.script = script;
        this.chunkIntervalMs = chunkIntervalMs;
        this.out = out;
        this.ids = new Ids(sessionId);
        this.state = new SessionState(sessionId);
    }

    void open() {
        applyTurnDetection();
        send(new JsonObject().put("type", "session.created").put("session", state.view()));
    }

    void onText(String text) {
        JsonObject event;
        try {
            event = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            error("invalid_json", "The event is not a JSON object.", null);
            return;
        }
        String eventId = event.getString("event_id");
        switch (String.valueOf(event.getValue("type"))) {
            case "session.update" -> sessionUpdate(event, eventId);
            case "input_audio_buffer.append" -> append(event, eventId);
            case "input_audio_buffer.commit" -> commit(eventId);
            case "input_audio_buffer.clear" -> clearBuffer();
            case "conversation.item.create" -> createItem(event, eventId);
            case "conversation.item.truncate" -> truncate(event, eventId);
            case "response.create" -> responseCreate(eventId);
            case "response.cancel" -> responseCancel(eventId);
            default -> error("invalid_event", "Unknown event type.", eventId);
        }
    }

    void onBinary() {
        error("invalid_event", "Binary frames are not supported; send JSON text events.", null);
    }

    void close() {
        closed = true;
        if (speaking != null) {
            speaking.cancel("client_cancelled");
        }
    }

    private void sessionUpdate(JsonObject event, String eventId) {
        String problem = state.update(event.getJsonObject("session"));
        if (problem != null) {
            error("invalid_value", problem, eventId);
            return;
        }
        applyTurnDetection();
        tokens.instructions(state.view().getString("instructions"));
        send(new JsonObject().put("type", "session.updated").put("session", state.view()));
    }

    private void applyTurnDetection() {
        detector.configure(state.silenceDurationMs(), state.prefixPaddingMs());
    }

    private void append(JsonObject event, String eventId) {
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(event.getString("audio", ""));
        } catch (IllegalArgumentException | ClassCastException e) {
            error("invalid_value", "audio must be base64.", eventId);
            return;
        }
        bufferedBytes += audio.length;
        if (state.vad()) {
            detector.feed(audio);
        }
    }

    @Override
    public void speechStarted(long audioStartMs) {
        speechItemId = ids.next("item");
        send(new JsonObject().put("type", "input_audio_buffer.speech_started")
                .put("audio_start_ms", audioStartMs).put("item_id", speechItemId));
        if (speaking != null && state.interruptResponse()) {
            speaking.cancel("turn_detected");
        }
    }

    @Override
    public void speechStopped(long audioEndMs) {
        send(new JsonObject().put("type", "input_audio_buffer.speech_stopped")
                .put("audio_end_ms", audioEndMs).put("item_id", speechItemId));
        commitTurn(speechItemId);
        if (state.createResponse() && speaking == null) {
            respond(nextReply());
        }
    }

    private void commit(String eventId) {
        if (bufferedBytes == 0) {
            error("input_audio_buffer_commit_empty", "The input audio buffer is empty.", eventId);
            return;
        }
        commitTurn(ids.next("item"));
    }

    private void commitTurn(String itemId) {
        tokens.heard(bufferedBytes);
        bufferedBytes = 0;
        callerTurns++;
        send(new JsonObject().put("type", "input_audio_buffer.committed")
                .put("previous_item_id", lastItemId).put("item_id", itemId));
        JsonObject item = new JsonObject().put("id", itemId).put("object", "realtime.item").put("type", "message")
                .put("status", "completed").put("role", "user")
                .put("content", new JsonArray().add(new JsonObject().put("type", "input_audio").putNull("transcript")));
        itemAdded(item);
        send(new JsonObject().put("type", "conversation.item.input_audio_transcription.completed")
                .put("item_id", itemId).put("content_index", 0).put("transcript", script.heard(callerTurns))
                .put("usage", new JsonObject().put("type", "duration").put("seconds", 1)));
    }

    private void clearBuffer() {
        bufferedBytes = 0;
        send(new JsonObject().put("type", "input_audio_buffer.cleared"));
    }

    private void createItem(JsonObject event, String eventId) {
        JsonObject item = event.getJsonObject("item");
        if (item == null || item.getString("type") == null) {
            error("invalid_value", "item.type is required.", eventId);
            return;
        }
        if ("function_call_output".equals(item.getString("type"))) {
            String toolName = toolNameByCallId.get(item.getString("call_id"));
            if (toolName == null) {
                error("invalid_value", "No function call with this call_id.", eventId);
                return;
            }
            toolOutputPending = toolName;
        }
        restored(item);
        itemAdded(item.copy().put("id", item.getString("id", ids.next("item"))));
    }

    /**
     * A resumed call's history given back as items: the script goes on where it was. A user text that is the
     * caller's next scripted line is that turn (any other, e.g. a key press, is not); an assistant text answers what
     * came before it; a function call makes its output acceptable.
     */
    private void restored(JsonObject item) {
        String type = item.getString("type");
        if ("function_call".equals(type) && item.getString("call_id") != null) {
            toolNameByCallId.put(item.getString("call_id"), String.valueOf(item.getValue("name")));
        } else if ("message".equals(type) && "assistant".equals(item.getString("role"))) {
            greeted = true;
            answeredTurns = callerTurns;
            toolOutputPending = null;
        } else if ("message".equals(type) && "user".equals(item.getString("role"))
                && script.heard(callerTurns + 1).equals(text(item))) {
            callerTurns++;
        }
    }

    private static String text(JsonObject item) {
        JsonArray content = item.getJsonArray("content");
        return content == null || content.isEmpty() || !(content.getValue(0) instanceof JsonObject part) ? ""
                : String.valueOf(part.getValue("text"));
    }

    private void itemAdded(JsonObject item) {
        send(new JsonObject().put("type", "conversation.item.added").put("previous_item_id", lastItemId).put("item", item));
        send(new JsonObject().put("type", "conversation.item.done").put("previous_item_id", lastItemId).put("item", item));
        lastItemId = item.getString("id");
    }

    private void truncate(JsonObject event, String eventId) {
        String itemId = event.getString("item_id");
        Integer endMs = event.getInteger("audio_end_ms");
        boolean current = speaking != null && speaking.itemId().equals(itemId);
        Integer sentMs = current ? Integer.valueOf(speaking.sentMs()) : audioMsByItem.get(itemId);
        if (sentMs == null || endMs == null || endMs < 0) {
            error("invalid_value", "Unknown assistant item or missing audio_end_ms.", eventId);
            return;
        }
        if (endMs > sentMs) {
            error("invalid_value", "audio_end_ms is longer than the item's audio (" + sentMs + " ms).", eventId);
            return;
        }
        if (current) {
            speaking.cancel("client_cancelled");
        }
        audioMsByItem.put(itemId, endMs);
        send(new JsonObject().put("type", "conversation.item.truncated").put("item_id", itemId)
                .put("content_index", event.getInteger("content_index", 0)).put("audio_end_ms", endMs));
    }

    private void responseCreate(String eventId) {
        if (speaking != null) {
            error("conversation_already_has_active_response", "A response is already in progress.", eventId);
            return;
        }
        respond(nextReply());
    }

    private void responseCancel(String eventId) {
        if (speaking == null) {
            error("response_cancel_not_active", "There is no active response to cancel.", eventId);
            return;
        }
        speaking.cancel("client_cancelled");
    }

    private Reply nextReply() {
        if (toolOutputPending != null) {
            Reply reply = script.afterTool(toolOutputPending);
            toolOutputPending = null;
            return reply;
        }
        if (answeredTurns < callerTurns) {
            answeredTurns = callerTurns;
            return script.answer(callerTurns, state.toolNames());
        }
        if (!greeted) {
            greeted = true;
            return script.greeting();
        }
        return script.apology();
    }

    private void respond(Reply reply) {
        greeted = true;
        ResponseStream stream = new ResponseStream(vertx, chunkIntervalMs, ids, reply, tokens, this::send,
                this::finished);
        speaking = stream;
        stream.start();
    }

    private void finished() {
        ResponseStream done = speaking;
        speaking = null;
        if (done == null) {
            return;
        }
        audioMsByItem.put(done.itemId(), done.sentMs());
        lastItemId = done.itemId();
        if (done.callId() != null) {
            toolNameByCallId.put(done.callId(), done.reply().call().name());
        }
        // A caller turn that ended while this response was playing (it began before the response) is answered now.
        if (done.callId() == null && state.createResponse() && answeredTurns < callerTurns && !closed) {
            respond(nextReply());
        }
    }

    private void error(String code, String message, String clientEventId) {
        Log.debugf("[local-agent] answered an error: %s", code);
        send(new JsonObject().put("type", "error").put("error", new JsonObject()
                .put("type", "invalid_request_error").put("code", code).put("message", message)
                .putNull("param").put("event_id", clientEventId)));
    }

    private void send(JsonObject event) {
        if (!closed) {
            out.accept(event.put("event_id", ids.next("event")).encode());
        }
    }
}
