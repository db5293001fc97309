package dev.switchboard.control.costs;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's OpenAI Realtime tokens by kind, as the gateway sums them from {@code response.done} (the link's
 * {@code call.ended} {@code usage}). Input text and audio include their cached part.
 */
@RegisterForReflection
public record TokenCounts(long inputText, long inputAudio, long cachedText, long cachedAudio, long outputText,
                          long outputAudio) {

    /** Reads the link's shape (docs/protocol/link-call.ended.json); missing or odd values count as zero. */
    public static TokenCounts fromLink(Object usage) {
        if (!(usage instanceof Map<?, ?> map)) {
            return null;
        }
        return new TokenCounts(count(map, "inputTextTokens"), count(map, "inputAudioTokens"),
                count(map, "cachedTextTokens"), count(map, "cachedAudioTokens"), count(map, "outputTextTokens"),
                count(map, "outputAudioTokens"));
    }

    public long total() {
        return inputText + inputAudio + outputText + outputAudio;
    }

    /** The API's shape: {@code usage.tokens} in GET /api/calls/{sid} and call.completed. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("inputText", inputText);
        view.put("inputAudio", inputAudio);
        view.put("cachedText", cachedText);
        view.put("cachedAudio", cachedAudio);
        view.put("outputText", outputText);
        view.put("outputAudio", outputAudio);
        view.put("total", total());
        return view;
    }

    private static long count(Map<?, ?> map, String key) {
        return map.get(key) instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }
}
