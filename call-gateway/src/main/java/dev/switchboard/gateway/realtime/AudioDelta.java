package dev.switchboard.gateway.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * An agent audio delta ({@code response.output_audio.delta}, or the beta {@code response.audio.delta}), the one
 * Realtime event that comes many times a second per call. {@link RealtimeAudioCodec} reads the plain ones from the
 * bytes; the others are read here with Jackson's streaming parser, without a tree. Fields of the wrong type read as
 * null.
 */
record AudioDelta(String responseId, String itemId, String delta) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The delta, or null when the event is something else (or not valid JSON): then it is read as a whole. */
    static AudioDelta readOrNull(String text) {
        // A cheap look first: every other event is read as a tree anyway.
        if (!text.contains("audio.delta")) {
            return null;
        }
        String type = null;
        String responseId = null;
        String itemId = null;
        String delta = null;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    parser.skipChildren();
                    continue;
                }
                switch (field) {
                    case "type" -> type = parser.getText();
                    case "response_id" -> responseId = parser.getText();
                    case "item_id" -> itemId = parser.getText();
                    case "delta" -> delta = parser.getText();
                    default -> { }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        boolean audio = "response.output_audio.delta".equals(type) || "response.audio.delta".equals(type);
        return audio ? new AudioDelta(responseId, itemId, delta) : null;
    }
}
