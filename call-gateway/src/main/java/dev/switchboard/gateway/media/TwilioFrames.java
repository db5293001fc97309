package dev.switchboard.gateway.media;

import io.vertx.core.json.Json;

/** Messages sent to Twilio on a bidirectional media stream; audio and its marks are {@link TwilioMediaCodec}'s. */
final class TwilioFrames {

    private TwilioFrames() {
    }

    static String clear(String streamSid) {
        return "{\"event\":\"clear\",\"streamSid\":" + quote(streamSid) + "}";
    }

    static String quote(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                return Json.encode(text);
            }
        }
        return "\"" + text + "\"";
    }
}
