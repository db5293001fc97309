package dev.switchboard.gateway.realtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path takes audio deltas only; everything else goes to the full read. */
class AudioDeltaTest {

    @Test
    void readsGaAndBetaAudioDeltas() {
        assertThat(AudioDelta.readOrNull("""
                {"event_id":"e1","delta":"AAAA","type":"response.output_audio.delta","response_id":"r1",
                 "item_id":"i1","output_index":0,"content_index":0}"""))
                .isEqualTo(new AudioDelta("r1", "i1", "AAAA"));
        assertThat(AudioDelta.readOrNull("{\"type\":\"response.audio.delta\",\"item_id\":\"i\",\"delta\":\"BBBB\"}"))
                .isEqualTo(new AudioDelta(null, "i", "BBBB"));
    }

    @Test
    void otherEventsAreLeftToTheFullRead() {
        assertThat(AudioDelta.readOrNull("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"hi\"}"))
                .isNull();
        assertThat(AudioDelta.readOrNull("{\"type\":\"response.output_text.delta\",\"delta\":\"audio.delta\"}"))
                .isNull();
        assertThat(AudioDelta.readOrNull("{\"type\":\"response.output_audio.delta\",\"delta\":\"A\"")).isNull();
        assertThat(AudioDelta.readOrNull("[\"response.output_audio.delta\"]")).isNull();
    }

    @Test
    void aDeltaOfTheWrongTypeReadsAsNull() {
        assertThat(AudioDelta.readOrNull("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":42}"))
                .isEqualTo(new AudioDelta(null, "i", null));
    }
}
