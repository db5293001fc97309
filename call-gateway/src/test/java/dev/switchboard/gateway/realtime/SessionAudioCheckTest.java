package dev.switchboard.gateway.realtime;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionAudioCheckTest {

    @Test
    void muLawBothWaysOnTheGaShapeIsFine() {
        assertThat(SessionAudioCheck.notMuLaw(ga("audio/pcmu", "audio/pcmu"))).isNull();
    }

    @Test
    void anotherGaFormatIsNamedWithItsDirection() {
        assertThat(SessionAudioCheck.notMuLaw(ga("audio/pcmu", "audio/pcm"))).isEqualTo("output audio/pcm");
        assertThat(SessionAudioCheck.notMuLaw(ga("audio/pcma", "audio/pcm")))
                .isEqualTo("input audio/pcma, output audio/pcm");
    }

    @Test
    void theBetaFieldsAreReadToo() {
        assertThat(SessionAudioCheck.notMuLaw(new JsonObject().put("input_audio_format", "g711_ulaw")
                .put("output_audio_format", "g711_ulaw"))).isNull();
        assertThat(SessionAudioCheck.notMuLaw(new JsonObject().put("input_audio_format", "pcm16")
                .put("output_audio_format", "g711_ulaw"))).isEqualTo("input pcm16");
    }

    @Test
    void whatTheServerLeavesOutSaysNothing() {
        assertThat(SessionAudioCheck.notMuLaw(null)).isNull();
        assertThat(SessionAudioCheck.notMuLaw(new JsonObject())).isNull();
        assertThat(SessionAudioCheck.notMuLaw(new JsonObject().put("audio", new JsonObject()
                .put("output", new JsonObject().put("voice", "marin"))))).isNull();
        assertThat(SessionAudioCheck.notMuLaw(new JsonObject().put("audio", "not an object"))).isNull();
    }

    private static JsonObject ga(String input, String output) {
        return new JsonObject().put("type", "realtime").put("audio", new JsonObject()
                .put("input", new JsonObject().put("format", new JsonObject().put("type", input)))
                .put("output", new JsonObject().put("format", new JsonObject().put("type", output))));
    }
}
