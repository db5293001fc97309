package dev.switchboard.gateway.media;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * The fields of a Twilio media-stream message the bridge acts on, read with Jackson's streaming parser: about 50
 * messages a second per call, so no tree and no map is built for them. Fields of the wrong type read as null.
 * A {@code start} is read again as a whole by the stream endpoint.
 */
public record TwilioFrame(String event, String track, String payload, String markName, String digit) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Reads one message as received: a plain {@code media} message without a {@code String} of the whole. */
    public static TwilioFrame read(Buffer message) throws IOException {
        TwilioFrame media = TwilioMediaCodec.read(message);
        return media != null ? media : read(message.toString());
    }

    /** Reads one message; throws when it is not a single JSON object. */
    public static TwilioFrame read(String text) throws IOException {
        String event = null;
        String track = null;
        String payload = null;
        String markName = null;
        String digit = null;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("event".equals(field)) {
                    event = string(parser, value);
                } else if (value == JsonToken.START_OBJECT && ("media".equals(field) || "mark".equals(field)
                        || "dtmf".equals(field))) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        String innerValue = string(parser, parser.nextToken());
                        switch (field) {
                            case "media" -> {
                                track = "track".equals(inner) ? innerValue : track;
                                payload = "payload".equals(inner) ? innerValue : payload;
                            }
                            case "mark" -> markName = "name".equals(inner) ? innerValue : markName;
                            default -> digit = "digit".equals(inner) ? innerValue : digit;
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("not a single JSON object");
            }
        }
        return new TwilioFrame(event == null ? "" : event, track, payload, markName, digit);
    }

    /** The value if it is a string; any other value (skipped whole) reads as null. */
    private static String string(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
