package dev.switchboard.gateway.localagent;

import io.vertx.core.json.JsonObject;

/**
 * Plausible token counts for the local agent's {@code response.done} {@code usage}, so that usage and cost run
 * end to end without an OpenAI account. Like the real service, every response is billed the whole conversation so
 * far as input (instructions as text, both sides' audio), and the part already sent with the previous response
 * counts as cached (in 64-token steps). The rates (about 10 tokens per second of caller audio, 20 per second of
 * agent audio, 4 characters per text token) are round figures, not OpenAI's exact tokenizer.
 */
final class TokenMeter {

    private static final int CACHE_STEP = 64;

    private long instructionsText;
    private long contextText;
    private long contextAudio;
    private long previousText;
    private long previousAudio;

    void instructions(String instructions) {
        instructionsText = textTokens(instructions);
    }

    /** A caller turn of {@code mulawBytes} (8 kHz μ-law: 8 bytes per ms) joined the conversation. */
    void heard(long mulawBytes) {
        contextAudio += mulawBytes / 8 / 100;
    }

    /** The usage of a response that spoke {@code audioMs} of audio with {@code transcript}; it joins the context. */
    JsonObject responseDone(long audioMs, String transcript) {
        long inText = instructionsText + contextText;
        long inAudio = contextAudio;
        long cachedText = cached(previousText, inText);
        long cachedAudio = cached(previousAudio, inAudio);
        long outText = textTokens(transcript);
        long outAudio = audioMs / 50;
        previousText = inText;
        previousAudio = inAudio;
        contextText += outText;
        contextAudio += outAudio;
        return new JsonObject().put("total_tokens", inText + inAudio + outText + outAudio)
                .put("input_tokens", inText + inAudio).put("output_tokens", outText + outAudio)
                .put("input_token_details", new JsonObject().put("text_tokens", inText).put("audio_tokens", inAudio)
                        .put("image_tokens", 0).put("cached_tokens", cachedText + cachedAudio)
                        .put("cached_tokens_details", new JsonObject().put("text_tokens", cachedText)
                                .put("audio_tokens", cachedAudio).put("image_tokens", 0)))
                .put("output_token_details", new JsonObject().put("text_tokens", outText)
                        .put("audio_tokens", outAudio));
    }

    private static long cached(long previous, long now) {
        return Math.min(previous, now) / CACHE_STEP * CACHE_STEP;
    }

    private static long textTokens(String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, text.length() / 4);
    }
}
