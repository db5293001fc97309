package dev.switchboard.gateway.localagent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRealtimeServerTest {

    private static final Path CALLER_CLIPS = Path.of("../control-api/src/main/resources/clips");

    private Vertx vertx;
    private LocalRealtimeServer server;
    private RealtimeTestClient client;
    private final Clips clips = Clips.load();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = new LocalRealtimeServer(vertx, 2);
        int port = server.listen(0).toCompletionStage().toCompletableFuture().join();
        client = RealtimeTestClient.connect(vertx, port);
    }

    @AfterEach
    void stop() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void followsTheScriptWithTheDemoToolAndEndCall() throws Exception {
        client.next("session.created");
        configure(tools("lookup_order", "end_call"));
        client.next("session.updated");

        client.send(userText("Greet the caller."));
        client.send(new JsonObject().put("type", "response.create"));
        assertSpeaks(Clips.GREETING);

        speak("question");
        assertThat(client.next("input_audio_buffer.speech_started").getLong("audio_start_ms")).isZero();
        JsonObject stopped = client.next("input_audio_buffer.speech_stopped");
        assertThat(stopped.getLong("audio_end_ms")).isBetween(3_500L, 4_500L);
        JsonObject heard = client.next("conversation.item.input_audio_transcription.completed");
        assertThat(heard.getString("transcript")).isEqualTo(clips.callerLine("question"));
        assertThat(heard.getString("item_id")).isEqualTo(stopped.getString("item_id"));
        assertSpeaks(Clips.ANSWER);
        JsonObject call = client.next("response.function_call_arguments.done");
        assertThat(call.getString("name")).isEqualTo("lookup_order");
        assertThat(new JsonObject(call.getString("arguments")).getString("order_id")).isEqualTo("4217");
        JsonObject done = client.next("response.done").getJsonObject("response");
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getJsonArray("output").getJsonObject(1).getString("type")).isEqualTo("function_call");
        JsonObject usage = done.getJsonObject("usage");
        assertThat(usage.getJsonObject("input_token_details").getLong("audio_tokens")).isBetween(40L, 400L);
        assertThat(usage.getJsonObject("output_token_details").getLong("audio_tokens")).isPositive();
        assertThat(usage.getJsonObject("output_token_details").getLong("text_tokens")).isPositive();
        assertThat(usage.getLong("total_tokens")).isEqualTo(usage.getLong("input_tokens")
                + usage.getLong("output_tokens"));

        client.send(new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "function_call_output").put("call_id", call.getString("call_id"))
                .put("output", "{\"status\":\"shipped\"}")));
        client.send(new JsonObject().put("type", "response.create"));
        client.next("conversation.item.added");
        assertSpeaks(Clips.ORDER_STATUS);

        speak("goodbye");
        assertThat(client.next("conversation.item.input_audio_transcription.completed").getString("transcript"))
                .isEqualTo(clips.callerLine("goodbye"));
        assertSpeaks(Clips.FAREWELL);
        assertThat(client.next("response.function_call_arguments.done").getString("name")).isEqualTo("end_call");
    }

    @Test
    void aResumedSessionGoesOnWithTheScriptFromItsRestoredHistory() throws Exception {
        configure(tools("lookup_order", "end_call"));
        client.next("session.updated");
        client.send(assistantText("Hello!"));
        client.send(userText(clips.callerLine("question")));
        client.send(new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "function_call").put("name", "lookup_order").put("call_id", "call_r1")
                .put("arguments", "{}")));
        client.send(new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "function_call_output").put("call_id", "call_r1").put("output", "{}")));
        client.send(new JsonObject().put("type", "response.create"));
        assertSpeaks(Clips.ORDER_STATUS);

        speak("goodbye");
        client.next("conversation.item.input_audio_transcription.completed");
        assertSpeaks(Clips.FAREWELL);
    }

    @Test
    void aResumedCallersLastLineIsAnsweredAndAKeyPressIsNoTurn() throws Exception {
        configure(tools("lookup_order", "end_call"));
        client.next("session.updated");
        client.send(assistantText("Hello!"));
        client.send(userText("The caller pressed the key 1 on their phone keypad."));
        client.send(userText(clips.callerLine("question")));
        client.send(new JsonObject().put("type", "response.create"));
        assertSpeaks(Clips.ANSWER);
    }

    private static JsonObject assistantText(String text) {
        return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "message").put("role", "assistant").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "output_text").put("text", text))));
    }

    @Test
    void apologisesInsteadOfCallingAToolTheSessionDoesNotOffer() throws Exception {
        configure(tools("end_call"));
        client.next("session.updated");
        speak("question");
        client.next("conversation.item.input_audio_transcription.completed");
        assertSpeaks(Clips.APOLOGY);
        JsonObject done = client.next("response.done").getJsonObject("response");
        assertThat(done.getJsonArray("output")).hasSize(1);
    }

    @Test
    void bargeInCancelsTheResponseAndTruncateIsCheckedAgainstTheAudioSent() throws Exception {
        client.close();
        server = new LocalRealtimeServer(vertx);
        client = RealtimeTestClient.connect(vertx, server.listen(0).toCompletionStage().toCompletableFuture().join());
        configure(tools("lookup_order"));
        client.next("session.updated");
        client.send(new JsonObject().put("type", "response.create"));
        String itemId = client.next("response.output_audio.delta").getString("item_id");

        speak("question");
        client.next("input_audio_buffer.speech_started");
        JsonObject cancelled = client.next("response.done").getJsonObject("response");
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getJsonObject("status_details").getString("reason")).isEqualTo("turn_detected");
        long deltas = client.types().stream().filter("response.output_audio.delta"::equals).count();
        assertThat(deltas * ResponseStream.CHUNK_MS).isLessThan(clips.clip(Clips.GREETING).durationMs());

        client.send(truncate(itemId, 100_000));
        assertThat(client.next("error").getJsonObject("error").getString("message")).contains("longer than");
        client.send(truncate(itemId, 40));
        JsonObject truncated = client.next("conversation.item.truncated");
        assertThat(truncated.getInteger("audio_end_ms")).isEqualTo(40);
        assertThat(truncated.getString("item_id")).isEqualTo(itemId);
    }

    @Test
    void speaksAtRealTimePace() throws Exception {
        client.close();
        server = new LocalRealtimeServer(vertx);
        client = RealtimeTestClient.connect(vertx, server.listen(0).toCompletionStage().toCompletableFuture().join());
        client.send(new JsonObject().put("type", "response.create"));
        long first = System.nanoTime();
        client.next("response.output_audio.delta");
        for (int i = 0; i < 10; i++) {
            client.next("response.output_audio.delta");
        }
        long elapsedMs = (System.nanoTime() - first) / 1_000_000;
        assertThat(elapsedMs).isBetween(10L * ResponseStream.CHUNK_MS - 40, 10L * ResponseStream.CHUNK_MS + 800);
    }

    @Test
    void answersBadInputWithErrorsAndKeepsWorking() throws Exception {
        client.sendRaw("{not json");
        assertThat(client.next("error").getJsonObject("error").getString("code")).isEqualTo("invalid_json");
        client.send(new JsonObject().put("type", "no.such.event").put("event_id", "evt_1"));
        JsonObject unknown = client.next("error").getJsonObject("error");
        assertThat(unknown.getString("code")).isEqualTo("invalid_event");
        assertThat(unknown.getString("event_id")).isEqualTo("evt_1");
        client.sendBinary();
        client.next("error");
        client.send(new JsonObject().put("type", "input_audio_buffer.append").put("audio", "%%%"));
        client.next("error");
        client.send(new JsonObject().put("type", "session.update").put("session", new JsonObject()
                .put("type", "realtime").put("audio", new JsonObject().put("input", new JsonObject()
                        .put("format", new JsonObject().put("type", "audio/pcm").put("rate", 24000))))));
        assertThat(client.next("error").getJsonObject("error").getString("message")).contains("audio/pcmu");
        client.send(new JsonObject().put("type", "response.cancel"));
        assertThat(client.next("error").getJsonObject("error").getString("code")).isEqualTo("response_cancel_not_active");

        client.send(new JsonObject().put("type", "response.create"));
        assertSpeaks(Clips.GREETING);
    }

    @Test
    void aVoicemailMessageRequestIsAnsweredWithSpeechSoTheCallCanHangUpOnceItHasPlayed() throws Exception {
        client.next("session.created");
        configure(tools("end_call"));
        client.next("session.updated");
        // The local agent only plays clips: the message itself cannot be voiced, its opening clip stands in for it.
        client.send(new JsonObject().put("type", "response.create").put("response", new JsonObject()
                .put("instructions", "You are speaking to an answering machine, not a person. Leave this voicemail "
                        + "message now by saying exactly this: Please call Acme Dental back.")));
        assertSpeaks(Clips.GREETING);
        assertThat(client.next("response.done").getJsonObject("response").getString("status")).isEqualTo("completed");
    }

    private void assertSpeaks(String clipName) throws InterruptedException {
        Clip clip = clips.clip(clipName);
        JsonObject created = client.next("response.created");
        String responseId = created.getJsonObject("response").getString("id");
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        StringBuilder transcript = new StringBuilder();
        int from = client.seen().size();
        JsonObject done = client.next("response.output_audio_transcript.done");
        for (JsonObject event : client.seen().subList(from, client.seen().size())) {
            switch (event.getString("type")) {
                case "response.output_audio.delta" -> audio.writeBytes(Base64.getDecoder().decode(event.getString("delta")));
                case "response.output_audio_transcript.delta" -> transcript.append(event.getString("delta"));
                default -> { }
            }
        }
        assertThat(done.getString("response_id")).isEqualTo(responseId);
        assertThat(audio.toByteArray()).isEqualTo(clip.audio());
        assertThat(transcript.toString()).isEqualTo(clip.transcript());
        assertThat(done.getString("transcript")).isEqualTo(clip.transcript());
    }

    private void speak(String callerClip) throws IOException {
        byte[] audio = Files.readAllBytes(CALLER_CLIPS.resolve(callerClip + ".ulaw"));
        byte[] withSilence = Arrays.copyOf(audio, audio.length + 8 * 800);
        Arrays.fill(withSilence, audio.length, withSilence.length, (byte) 0xFF);
        for (int i = 0; i < withSilence.length; i += 160) {
            byte[] frame = Arrays.copyOfRange(withSilence, i, Math.min(withSilence.length, i + 160));
            client.send(new JsonObject().put("type", "input_audio_buffer.append")
                    .put("audio", Base64.getEncoder().encodeToString(frame)));
        }
    }

    private void configure(JsonArray tools) {
        client.send(new JsonObject().put("type", "session.update").put("session", new JsonObject()
                .put("type", "realtime").put("tools", tools)
                .put("audio", new JsonObject()
                        .put("input", new JsonObject().put("format", new JsonObject().put("type", "audio/pcmu"))
                                .put("turn_detection", new JsonObject().put("type", "server_vad")
                                        .put("silence_duration_ms", 500)))
                        .put("output", new JsonObject().put("format", new JsonObject().put("type", "audio/pcmu"))))));
    }

    private static JsonArray tools(String... names) {
        JsonArray tools = new JsonArray();
        for (String name : names) {
            tools.add(new JsonObject().put("type", "function").put("name", name)
                    .put("parameters", new JsonObject().put("type", "object")));
        }
        return tools;
    }

    private static JsonObject userText(String text) {
        return new JsonObject().put("type", "conversation.item.create").put("item", new JsonObject()
                .put("type", "message").put("role", "user").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "input_text").put("text", text))));
    }

    private static JsonObject truncate(String itemId, int audioEndMs) {
        return new JsonObject().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", 0).put("audio_end_ms", audioEndMs);
    }
}
