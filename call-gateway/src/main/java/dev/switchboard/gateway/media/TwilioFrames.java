package dev.switchboard.gateway.media;

import io.vertx.core.json.Json;

/** Messages sent to Twilio on a bidirectional media stream. Audio is inserted as the same base64 string. */
final class TwilioFrames {

    private TwilioFrames() {
    }

    /** Agent audio; the payload must already be checked to hold only base64 characters. */
    static String media(String streamSid, String base64Audio) {
        return "{\"event\":\"media\",\"streamSid\":" + quote(streamSid) + ",\"media\":{\"payload\":\"" + base64Audio
                + "\"}}";
    }

    static String mark(String streamSid, String name) {
        return "{\"event\":\"mark\",\"streamSid\":" + quote(streamSid) + ",\"mark\":{\"name\":" + quote(name) + "}}";
    }

    static String clear(String streamSid) {
        return "{\"event\":\"clear\",\"streamSid\":" + quote(streamSid) + "}";
    }

    private static String quote(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                return Json.encode(text);
            }
        }
        return "\"" + text + "\"";
    }
}
