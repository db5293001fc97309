package dev.switchboard.gateway.resume;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResumeAttemptTest {

    private static final long NOW = 1_733_390_000_000L;

    @Test
    void theFirstRequestHasNoQueryAndNumbersTheNextOneTwo() {
        ResumeAttempt first = ResumeAttempt.of(null, null).counted(NOW);

        assertThat(first.number()).isEqualTo(1);
        assertThat(first.previousFailed()).isFalse();
        assertThat(first.cameBackQuickly(NOW)).isFalse();
        assertThat(first.nextQuery(NOW)).isEqualTo("attempt=2&at=" + NOW);
    }

    @Test
    void aRequestBackWithinSecondsFollowsAFailedStream() {
        ResumeAttempt again = ResumeAttempt.of("3", Long.toString(NOW - 800)).counted(NOW);

        assertThat(again.number()).isEqualTo(3);
        assertThat(again.previousFailed()).isTrue();
        assertThat(again.cameBackQuickly(NOW)).isTrue();
        assertThat(ResumeAttempt.of("3", Long.toString(NOW - 10_000)).counted(NOW).cameBackQuickly(NOW)).isFalse();
    }

    @Test
    void aStreamThatHeldHalfAMinuteStartsTheCountAgain() {
        ResumeAttempt later = ResumeAttempt.of("3", Long.toString(NOW - ResumeAttempt.HELD_MS)).counted(NOW);

        assertThat(later.number()).isEqualTo(1);
        assertThat(later.previousFailed()).isFalse();
    }

    @Test
    void unreadableValuesCountAsAbsent() {
        assertThat(ResumeAttempt.of("x", "-5")).isEqualTo(new ResumeAttempt(1, 0));
        assertThat(ResumeAttempt.of("99999999999", null).number()).isEqualTo(1_000);
    }
}
