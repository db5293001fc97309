package dev.switchboard.control.webhooks;

import dev.switchboard.control.storage.Sql;
import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.instant;

/**
 * The outbox's delivery rows. A delivery is due when it is pending, its time has come, no other replica holds its
 * lease, its subscription is active and no earlier event of the same call for the same subscription is still
 * pending (so each call's events arrive in sequence). Claiming is a conditional UPDATE of the lease, which works
 * the same on H2 and PostgreSQL: of two replicas racing for a row, one updates it and the other updates nothing.
 */
@ApplicationScoped
class Deliveries {

    /** A claimed delivery with everything needed to send it. */
    record Claimed(long id, String subscriptionId, String url, String secret, String eventId, String type,
                   String callSid, String body, int attempt, Instant createdAt) { }

    /** A delivery that is due, not yet claimed. */
    record Due(long id, String subscriptionId) { }

    private static final String DUE = "SELECT d.id, d.subscription_id FROM webhook_deliveries d"
            + " JOIN webhook_subscriptions s ON s.id = d.subscription_id"
            + " WHERE d.state = 'pending' AND s.active = TRUE AND d.next_attempt_at <= ?"
            + " AND (d.lease_until IS NULL OR d.lease_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id"
            + " AND e.call_sid = d.call_sid AND e.state = 'pending'"
            + " AND (e.sequence < d.sequence OR (e.sequence = d.sequence AND e.id < d.id)))";

    private final Database database;

    Deliveries(Database database) {
        this.database = database;
    }

    /**
     * Up to {@code limit} due deliveries, oldest due first, leaving out the subscriptions in {@code skipped} (those
     * this replica already sends as much to as it may).
     */
    List<Due> due(int limit, Set<String> skipped) {
        Instant now = Instant.now();
        String sql = DUE + (skipped.isEmpty() ? ""
                : " AND d.subscription_id NOT IN (" + String.join(", ", Collections.nCopies(skipped.size(), "?")) + ")")
                + " ORDER BY d.next_attempt_at, d.id FETCH FIRST ? ROWS ONLY";
        List<Object> parameters = new ArrayList<>(List.of(now, now));
        parameters.addAll(skipped);
        parameters.add(limit);
        return database.autoCommit(connection -> {
            List<Due> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, parameters.toArray());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        due.add(new Due(row.getLong(1), row.getString(2)));
                    }
                }
            }
            return due;
        });
    }

    /**
     * Takes the lease of a due delivery for {@code lease}; null when another replica took it first (or its
     * subscription was deleted meanwhile).
     */
    Claimed claim(Due due, Duration lease) {
        Instant now = Instant.now();
        return database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_deliveries"
                    + " SET lease_until = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'"
                    + " AND (lease_until IS NULL OR lease_until < ?)")) {
                bind(update, now.plus(lease), due.id(), now);
                return update.executeUpdate() == 1 ? load(connection, due.id()) : null;
            }
        });
    }

    /** Records an attempt; {@code retryAt} null ends the delivery with {@code outcome}, else it waits till then. */
    void record(Claimed delivery, String outcome, Integer statusCode, String error, Instant retryAt) {
        Instant now = Instant.now();
        database.inTransaction(connection -> {
            String state = retryAt != null ? "pending" : outcome;
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_deliveries SET state = ?,"
                    + " lease_until = NULL, next_attempt_at = ? WHERE id = ?")) {
                bind(update, state, retryAt != null ? retryAt : now, delivery.id());
                update.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_attempts (subscription_id,"
                    + " event_id, event_type, call_sid, attempt, status_code, error, outcome, attempted_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, delivery.subscriptionId(), delivery.eventId(), delivery.type(), delivery.callSid(),
                        delivery.attempt(), statusCode, error, outcome, now);
                return insert.executeUpdate();
            }
        });
    }

    /** The receiver answered 410 Gone: nothing more is sent to this subscription. */
    void disable(String subscriptionId, String reason) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_subscriptions"
                    + " SET active = FALSE, disabled_reason = ? WHERE id = ?")) {
                bind(update, reason, subscriptionId);
                return update.executeUpdate();
            }
        });
    }

    List<DeliveryAttempt> latest(String subscriptionId, int limit) {
        return database.autoCommit(connection -> {
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT event_type, event_id, call_sid,"
                    + " attempt, status_code, error, outcome, attempted_at FROM webhook_attempts"
                    + " WHERE subscription_id = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                bind(select, subscriptionId, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        attempts.add(new DeliveryAttempt(row.getString(1), row.getString(2), row.getString(3),
                                row.getInt(4), Sql.intOrNull(row, "status_code"), row.getString(6),
                                row.getString(7), instant(row, "attempted_at")));
                    }
                }
            }
            return attempts;
        });
    }

    private static Claimed load(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT d.id, d.subscription_id, s.url, s.secret,"
                + " d.event_id, e.type, d.call_sid, e.body, d.attempts, d.created_at FROM webhook_deliveries d"
                + " JOIN webhook_subscriptions s ON s.id = d.subscription_id"
                + " JOIN webhook_events e ON e.event_id = d.event_id WHERE d.id = ?")) {
            bind(select, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;   // its subscription was deleted meanwhile
                }
                return new Claimed(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getInt(9),
                        instant(row, "created_at"));
            }
        }
    }
}
