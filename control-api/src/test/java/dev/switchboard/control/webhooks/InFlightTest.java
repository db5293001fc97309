package dev.switchboard.control.webhooks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTest {

    @Test
    void aSubscriptionAtItsCapIsFullWhileOthersStillGetPlaces() {
        InFlight inFlight = new InFlight(5, 2);

        assertThat(inFlight.take("slow")).isTrue();
        assertThat(inFlight.take("slow")).isTrue();
        assertThat(inFlight.take("slow")).isFalse();
        assertThat(inFlight.full()).containsExactly("slow");
        assertThat(inFlight.take("quick")).isTrue();
        assertThat(inFlight.free()).isEqualTo(2);

        inFlight.release("slow");
        assertThat(inFlight.full()).isEmpty();
        assertThat(inFlight.take("slow")).isTrue();
    }

    @Test
    void theTotalCapHoldsAcrossSubscriptions() {
        InFlight inFlight = new InFlight(3, 2);

        assertThat(inFlight.take("a")).isTrue();
        assertThat(inFlight.take("b")).isTrue();
        assertThat(inFlight.take("c")).isTrue();
        assertThat(inFlight.take("d")).isFalse();
        assertThat(inFlight.free()).isZero();

        inFlight.release("b");
        assertThat(inFlight.free()).isEqualTo(1);
        assertThat(inFlight.take("d")).isTrue();
    }
}
