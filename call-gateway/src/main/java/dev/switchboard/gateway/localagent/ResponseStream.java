package dev.switchboard.gateway.localagent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays one {@link Reply} as a Realtime response: the clip goes out as {@code response.output_audio.delta} chunks at
 * real-time pace with transcript deltas in step, then the optional function call, then {@code response.done}.
 * Runs on the session's event loop; {@link #cancel} stops it at once.
 */
final class ResponseStream {

    static final int CHUNK_MS = 40;
    private static final int CHUNK_BYTES = CHUNK_MS * 8;

    private final Vertx vertx;
    private final long intervalMs;
    private final Ids ids;
    private final Reply reply;
    private final TokenMeter tokens;
    private final Consumer<JsonObject> send;
    private final Runnable onFinished;
    private final String responseId;
    private final String itemId;
    private final String[] words;
    private int sentBytes;
    private int sentWords;
    private long timerId = -1;
    private boolean finished;
    private String callId;

    ResponseStream(Vertx vertx, long intervalMs, Ids ids, Reply reply, TokenMeter tokens, Consumer<JsonObject> send,
                   Runnable onFinished) {
        this.vertx = vertx;
        this.intervalMs = intervalMs;
        this.ids = ids;
        this.reply = reply;
        this.tokens = tokens;
        this.send = send;
        this.onFinished = onFinished;
        this.responseId = ids.next("resp");
        this.itemId = ids.next("item");
        this.words = reply.clip().transcript().split(" ");
    }

    String itemId() {
        return itemId;
    }

    /** Milliseconds of this response's audio sent so far. */
    int sentMs() {
        return sentBytes / 8;
    }

    boolean finished() {
        return finished;
    }

    Reply reply() {
        return reply;
    }

    /** The call_id of the function call this response made, or null. */
    String callId() {
        return callId;
    }

    void start() {
        send.accept(bare("response.created").put("response", response("in_progress", null, new JsonArray())));
        send.accept(event("response.output_item.added").put("output_index", 0).put("item", message("in_progress", "")));
        send.accept(part("response.content_part.added", ""));
        sendChunk();
        if (!finished) {
            timerId = vertx.setPeriodic(intervalMs, id -> sendChunk());
        }
    }

    /** Stops the response where it is; {@code reason} is {@code turn_detected} or {@code client_cancelled}. */
    void cancel(String reason) {
        if (finished) {
            return;
        }
        stopTimer();
        String heard = spokenSoFar();
        send.accept(event("response.output_item.done").put("output_index", 0).put("item", message("incomplete", heard)));
        JsonObject details = new JsonObject().put("type", "cancelled").put("reason", reason);
        send.accept(bare("response.done").put("response",
                response("cancelled", details, new JsonArray().add(message("incomplete", heard)))
                        .put("usage", tokens.responseDone(sentMs(), heard))));
        finish();
    }

    private void sendChunk() {
        byte[] audio = reply.clip().audio();
        int end = Math.min(audio.length, sentBytes + CHUNK_BYTES);
        String delta = Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, sentBytes, end));
        send.accept(item("response.output_audio.delta").put("delta", delta));
        sentBytes = end;
        sendTranscriptDelta();
        if (sentBytes == audio.length) {
            complete();
        }
    }

    private void sendTranscriptDelta() {
        int due = (int) Math.ceil(words.length * (double) sentBytes / Math.max(1, reply.clip().audio().length));
        if (due > sentWords) {
            String delta = (sentWords == 0 ? "" : " ") + String.join(" ", List.of(words).subList(sentWords, due));
            sentWords = due;
            send.accept(item("response.output_audio_transcript.delta").put("delta", delta));
        }
    }

    private void complete() {
        stopTimer();
        String transcript = reply.clip().transcript();
        send.accept(item("response.output_audio.done"));
        send.accept(item("response.output_audio_transcript.done").put("transcript", transcript));
        send.accept(part("response.content_part.done", transcript));
        JsonObject message = message("completed", transcript);
        send.accept(event("response.output_item.done").put("output_index", 0).put("item", message));
        JsonArray output = new JsonArray().add(message);
        if (reply.call() != null) {
            output.add(functionCall(reply.call()));
        }
        send.accept(bare("response.done").put("response", response("completed", null, output)
                .put("usage", tokens.responseDone(sentMs(), transcript))));
        finish();
    }

    private JsonObject functionCall(Reply.FunctionCall call) {
        String callItemId = ids.next("item");
        callId = ids.next("call");
        JsonObject item = new JsonObject().put("id", callItemId).put("object", "realtime.item")
                .put("type", "function_call").put("status", "in_progress").put("name", call.name())
                .put("call_id", callId).put("arguments", "");
        send.accept(event("response.output_item.added").put("output_index", 1).put("item", item.copy()));
        send.accept(event("response.function_call_arguments.delta").put("item_id", callItemId)
                .put("output_index", 1).put("call_id", callId).put("delta", call.arguments()));
        send.accept(event("response.function_call_arguments.done").put("item_id", callItemId)
                .put("output_index", 1).put("call_id", callId).put("name", call.name())
                .put("arguments", call.arguments()));
        item.put("status", "completed").put("arguments", call.arguments());
        send.accept(event("response.output_item.done").put("output_index", 1).put("item", item));
        return item;
    }

    private String spokenSoFar() {
        return String.join(" ", List.of(words).subList(0, sentWords));
    }

    private void finish() {
        finished = true;
        onFinished.run();
    }

    private void stopTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private static JsonObject bare(String type) {
        return new JsonObject().put("type", type);
    }

    private JsonObject event(String type) {
        return bare(type).put("response_id", responseId);
    }

    private JsonObject item(String type) {
        return event(type).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    private JsonObject part(String type, String transcript) {
        return item(type).put("part", new JsonObject().put("type", "output_audio").put("transcript", transcript));
    }

    private JsonObject message(String status, String transcript) {
        return new JsonObject().put("id", itemId).put("object", "realtime.item").put("type", "message")
                .put("status", status).put("role", "assistant")
                .put("content", new JsonArray().add(new JsonObject().put("type", "output_audio")
                        .put("transcript", transcript)));
    }

    private JsonObject response(String status, JsonObject details, JsonArray output) {
        return new JsonObject().put("object", "realtime.response").put("id", responseId).put("status", status)
                .put("status_details", details).put("output", output)
                .put("output_modalities", new JsonArray().add("audio"));
    }
}
