package dev.switchboard.contract.link;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentTest {

    @Test
    void aVersion00TraceparentIsValid() {
        assertThat(Traceparent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(Traceparent.valid(null)).isFalse();
        assertThat(Traceparent.valid("")).isFalse();
        assertThat(Traceparent.valid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isFalse();
        assertThat(Traceparent.valid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isFalse();
        assertThat(Traceparent.valid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
        assertThat(Traceparent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
        assertThat(Traceparent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01;x")).isFalse();
        assertThat(Traceparent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n")).isFalse();
    }
}
