package dev.switchboard.gateway.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaybackTest {

    private static final int MS_100 = 800;   // bytes of μ-law in 100 ms

    @Test
    void aBargeInCutsTheItemTheCallerIsHearingWhereTheLastEchoedMarkPutIt() {
        Playback playback = new Playback();
        String first = playback.audioSent("resp_1", "item_a", MS_100);
        playback.audioSent("resp_1", "item_a", MS_100);
        assertThat(playback.echoed(first)).isTrue();

        assertThat(playback.interrupt()).isEqualTo(new AudioCut("item_a", 100));
    }

    @Test
    void whenANewItemArrivesBeforeTheOldOneHasPlayedTheOldOneIsCut() {
        Playback playback = new Playback();
        String a1 = playback.audioSent("resp_1", "item_a", MS_100);
        playback.audioSent("resp_1", "item_a", MS_100);
        playback.audioSent("resp_2", "item_b", MS_100);
        assertThat(playback.echoed(a1)).isTrue();

        assertThat(playback.interrupt()).isEqualTo(new AudioCut("item_a", 100));
        // The newer response is the one still streaming: its late deltas are dropped.
        assertThat(playback.wasCut("resp_2", "item_b")).isTrue();
        assertThat(playback.outstanding()).isZero();
    }

    @Test
    void anItemNotYetHeardAtAllIsCutAtItsStart() {
        Playback playback = new Playback();
        String a1 = playback.audioSent("resp_1", "item_a", MS_100);
        playback.audioSent("resp_2", "item_b", MS_100);
        assertThat(playback.echoed(a1)).isTrue();

        assertThat(playback.interrupt()).isEqualTo(new AudioCut("item_b", 0));
    }

    @Test
    void echoesFlushedByTheClearDoNotCountAsPlayed() {
        Playback playback = new Playback();
        String a1 = playback.audioSent("resp_1", "item_a", MS_100);
        assertThat(playback.interrupt()).isEqualTo(new AudioCut("item_a", 0));
        assertThat(playback.echoed(a1)).isFalse();
        assertThat(playback.interrupt()).isNull();
    }
}
