package dev.switchboard.control.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that let a browser open {@code /logs?ticket=} without putting the API key
 * in a URL (browsers cannot set headers on a WebSocket upgrade, and URLs end up in access logs).
 */
@ApplicationScoped
public class LogTickets {

    /** How long an issued ticket stays redeemable. */
    public static final Duration TTL = Duration.ofSeconds(30);

    // Bounds memory if a client issues tickets and never redeems them.
    private static final int MAX_OUTSTANDING = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> outstanding = new ConcurrentHashMap<>();
    private final Clock clock;

    LogTickets() {
        this(Clock.systemUTC());
    }

    LogTickets(Clock clock) {
        this.clock = clock;
    }

    /** Issues a fresh ticket, valid once for {@link #TTL}. */
    public String issue() {
        Instant now = clock.instant();
        outstanding.values().removeIf(expiry -> !expiry.isAfter(now));
        if (outstanding.size() >= MAX_OUTSTANDING) {
            throw new TooManyTicketsException();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        outstanding.put(ticket, now.plus(TTL));
        return ticket;
    }

    /** True once for a ticket issued less than {@link #TTL} ago; false for unknown, used or expired ones. */
    public boolean redeem(String ticket) {
        if (ticket == null) {
            return false;
        }
        Instant expiry = outstanding.remove(ticket);
        return expiry != null && expiry.isAfter(clock.instant());
    }

    /** Too many unredeemed tickets are outstanding. */
    public static class TooManyTicketsException extends RuntimeException {
        TooManyTicketsException() {
            super("too many outstanding log tickets");
        }
    }
}
