package dev.switchboard.gateway.realtime;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the audio formats a {@code session.updated} reports. Twilio carries 8 kHz μ-law only, so a session that took
 * anything else (a compatible server that ignored the update, say) would give the caller noise. GA reports
 * {@code audio.input.format.type} and {@code audio.output.format.type}, beta {@code input_audio_format} and
 * {@code output_audio_format}; a field the server leaves out says nothing.
 */
final class SessionAudioCheck {

    private static final List<String> DIRECTIONS = List.of("input", "output");

    private SessionAudioCheck() {
    }

    /** What is reported as not μ-law, e.g. {@code "output audio/pcm"}; null when nothing is. */
    static String notMuLaw(JsonObject session) {
        if (session == null) {
            return null;
        }
        List<String> wrong = new ArrayList<>();
        for (String direction : DIRECTIONS) {
            Object ga = session.getValue("audio") instanceof JsonObject audio
                    && audio.getValue(direction) instanceof JsonObject side ? side.getValue("format") : null;
            addIfNotMuLaw(wrong, direction, ga instanceof JsonObject format ? format.getValue("type") : ga);
            addIfNotMuLaw(wrong, direction, session.getValue(direction + "_audio_format"));
        }
        return wrong.isEmpty() ? null : String.join(", ", wrong);
    }

    /** Only a string names a format; anything else the server put there says nothing. */
    private static void addIfNotMuLaw(List<String> wrong, String direction, Object reported) {
        if (reported instanceof String format && !"audio/pcmu".equals(format) && !"g711_ulaw".equals(format)) {
            wrong.add(direction + " " + format);
        }
    }
}
