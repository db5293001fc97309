package dev.switchboard.control.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LogTicketsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LogTickets tickets = new LogTickets(clock);

    @Test
    void ticketIsRedeemableExactlyOnce() {
        String ticket = tickets.issue();

        assertThat(tickets.redeem(ticket)).isTrue();
        assertThat(tickets.redeem(ticket)).isFalse();
    }

    @Test
    void expiredTicketIsRefused() {
        String ticket = tickets.issue();
        clock.now = clock.now.plus(LogTickets.TTL);

        assertThat(tickets.redeem(ticket)).isFalse();
    }

    @Test
    void unknownOrMissingTicketIsRefused() {
        tickets.issue();

        assertThat(tickets.redeem("made-up")).isFalse();
        assertThat(tickets.redeem(null)).isFalse();
    }

    @Test
    void ticketsAreDistinct() {
        assertThat(tickets.issue()).isNotEqualTo(tickets.issue());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
