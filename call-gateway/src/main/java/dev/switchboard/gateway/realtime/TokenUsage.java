package dev.switchboard.gateway.realtime;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens one or more Realtime responses used, by kind, as {@code response.done}'s {@code response.usage} reports
 * them (docs/protocol.md). Input text and audio include their cached part; cached tokens are billed cheaper, so
 * they are kept apart too.
 */
public record TokenUsage(long inputText, long inputAudio, long cachedText, long cachedAudio, long outputText,
                         long outputAudio) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0, 0);

    /** Reads {@code response.usage}; null or unreadable parts count as zero. */
    public static TokenUsage of(JsonObject usage) {
        if (usage == null) {
            return NONE;
        }
        JsonObject in = object(usage, "input_token_details");
        JsonObject out = object(usage, "output_token_details");
        JsonObject cached = object(in, "cached_tokens_details");
        long inText = count(in, "text_tokens");
        long inAudio = count(in, "audio_tokens");
        // Servers that report only totals: the total input counts as text, the total output as audio.
        if (in == null) {
            inText = count(usage, "input_tokens");
        }
        long cachedText = cached == null ? count(in, "cached_tokens") : count(cached, "text_tokens");
        long outText = count(out, "text_tokens");
        long outAudio = out == null ? count(usage, "output_tokens") : count(out, "audio_tokens");
        return new TokenUsage(inText, inAudio, cachedText, count(cached, "audio_tokens"), outText, outAudio);
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputText + other.inputText, inputAudio + other.inputAudio,
                cachedText + other.cachedText, cachedAudio + other.cachedAudio, outputText + other.outputText,
                outputAudio + other.outputAudio);
    }

    public long input() {
        return inputText + inputAudio;
    }

    public long output() {
        return outputText + outputAudio;
    }

    /** The internal link's shape (docs/protocol/link-call.ended.json). */
    public Map<String, Object> toLink() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("inputTextTokens", inputText);
        data.put("inputAudioTokens", inputAudio);
        data.put("cachedTextTokens", cachedText);
        data.put("cachedAudioTokens", cachedAudio);
        data.put("outputTextTokens", outputText);
        data.put("outputAudioTokens", outputAudio);
        return data;
    }

    private static JsonObject object(JsonObject parent, String key) {
        return parent != null && parent.getValue(key) instanceof JsonObject child ? child : null;
    }

    private static long count(JsonObject parent, String key) {
        return parent != null && parent.getValue(key) instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }
}
