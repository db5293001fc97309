package dev.switchboard.control.history;

import dev.switchboard.control.ControlConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.instant;
import static dev.switchboard.control.storage.Sql.longOrNull;

/** The {@code calls} rows and their status timeline ({@code call_status_events}). */
@ApplicationScoped
public class CallStore {

    static final String COLUMNS = "sid, direction, from_number, to_number, status, created_at, started_at, ended_at,"
            + " duration_ms, profile, profile_version, answered_by, amd_action";

    private final Database database;
    private final ChangeListeners listeners;
    private final UsageJson usage;
    private final Duration usageWait;

    CallStore(Database database, ChangeListeners listeners, UsageJson usage, ControlConfig config) {
        this.database = database;
        this.listeners = listeners;
        this.usage = usage;
        this.usageWait = config.webhooks().usageWait();
    }

    /** Records what an outbound dial returned, with its per-call context; a callback may have created the row. */
    public void recordDialed(String sid, String status, String from, String to, String instructions, String variables,
                             Instant at) {
        database.autoCommit(connection -> {
            ensure(connection, sid, "outbound-api", from, to, at);
            try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET direction = 'outbound-api',"
                    + " from_number = ?, to_number = ?, instructions = ?, variables = ? WHERE sid = ?")) {
                bind(update, from, to, instructions, variables, sid);
                update.executeUpdate();
            }
            return null;
        });
        apply(new StatusReport(sid, status, null, "api", "api:" + status, at, null, null, null, null));
    }

    /** Creates the call's row unless it exists (inbound calls first appear through the gateway). */
    public void ensure(String sid, String direction, String from, String to, Instant at) {
        database.autoCommit(connection -> ensure(connection, sid, direction, from, to, at));
    }

    /** What {@link #apply} did with a report. */
    public enum Applied {
        /** The same report was already recorded: nothing changed. */
        DUPLICATE,
        /** Joined the timeline, but the call's status stays (late or out-of-order report). */
        RECORDED,
        /** Joined the timeline and moved the call's status. */
        ADVANCED
    }

    /**
     * Adds a report to the timeline and moves the call's status if the report advances it (see
     * {@link CallStatus}).
     */
    public Applied apply(StatusReport report) {
        ensure(report.callSid(), report.direction() == null ? "unknown" : report.direction(), report.from(),
                report.to(), report.at());
        return database.inTransaction(connection -> {
            if (!recorded(connection, report)) {
                return Applied.DUPLICATE;
            }
            boolean advanced = advance(connection, report);
            if (advanced || firstQueued(connection, report)) {
                changed(connection, report);
            }
            return advanced ? Applied.ADVANCED : Applied.RECORDED;
        });
    }

    /** Adds the report to the timeline; false (and the transaction rolled back) when it is already there. */
    boolean recorded(Connection connection, StatusReport report) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_status_events"
                + " (call_sid, status, sequence_number, source, dedupe_key, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(insert, report.callSid(), report.status(), report.sequenceNumber(), report.source(),
                    report.dedupeKey(), report.at());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isDuplicate(e)) {
                connection.rollback();
                return false;
            }
            throw e;
        }
    }

    // A new row starts as queued, so the first queued report does not move it; it is still the call's first news.
    private static boolean firstQueued(Connection connection, StatusReport report) throws SQLException {
        if (!"queued".equals(report.status())) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM call_status_events e"
                + " JOIN calls c ON c.sid = e.call_sid WHERE e.call_sid = ? AND e.status = 'queued'"
                + " AND c.status = 'queued'")) {
            bind(select, report.callSid());
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) == 1;
            }
        }
    }

    // Same transaction as the move: an outbox row exists exactly when the new status does. call.completed of a call
    // a gateway still holds waits (up to usage-wait) for the gateway's call.ended, which brings the call's usage.
    void changed(Connection connection, StatusReport report) throws SQLException {
        if (listeners.none()) {
            return;
        }
        if ("completed".equals(report.status()) && awaitingGateway(connection, report.callSid())) {
            try (PreparedStatement hold = connection.prepareStatement(
                    "UPDATE calls SET completion_held_until = ? WHERE sid = ?")) {
                bind(hold, Instant.now().plus(usageWait), report.callSid());
                hold.executeUpdate();
            }
            return;
        }
        tellStatus(connection, report.callSid(), report.status(), report.at());
    }

    /** Sends a held call.completed now; false when none was held (or another replica sent it). */
    boolean releaseHeld(Connection connection, String sid) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement("UPDATE calls SET completion_held_until = NULL"
                + " WHERE sid = ? AND completion_held_until IS NOT NULL")) {
            bind(release, sid);
            if (release.executeUpdate() == 0) {
                return false;
            }
        }
        tellStatus(connection, sid, "completed", null);
        return true;
    }

    private void tellStatus(Connection connection, String sid, String status, Instant at) throws SQLException {
        CallView call;
        Map<String, Object> known;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", usage_json"
                + " FROM calls WHERE sid = ?")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                call = view(row);
                known = usage.read(row.getString("usage_json"));
            }
        }
        Instant when = at != null ? at : call.endedAt() != null ? call.endedAt() : Instant.now();
        listeners.tell(l -> l.statusChanged(connection, new CallChanges.StatusChange(sid, status, when, call, known)));
    }

    private static boolean awaitingGateway(Connection connection, String sid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM calls c WHERE c.sid = ?"
                + " AND c.gateway_ended_at IS NULL AND EXISTS (SELECT 1 FROM call_status_events e"
                + " WHERE e.call_sid = c.sid AND e.dedupe_key = 'gateway:started')")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    boolean advance(Connection connection, StatusReport report) throws SQLException {
        String current;
        int currentSeq;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, status_seq FROM calls WHERE sid = ? FOR UPDATE")) {
            bind(select, report.callSid());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                current = row.getString(1);
                currentSeq = row.getInt(2);
            }
        }
        int seq = report.sequenceNumber() == null ? -1 : report.sequenceNumber();
        if (!CallStatus.advances(current, currentSeq, report.status(), seq)) {
            return false;
        }
        boolean answered = "in-progress".equals(report.status());
        boolean ended = CallStatus.terminal(report.status());
        try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET status = ?, status_seq = ?,"
                + " started_at = COALESCE(started_at, ?), ended_at = COALESCE(ended_at, ?),"
                + " duration_ms = COALESCE(?, duration_ms) WHERE sid = ?")) {
            bind(update, report.status(), Math.max(seq, currentSeq), answered ? report.at() : null,
                    ended ? report.at() : null, report.durationMs(), report.callSid());
            update.executeUpdate();
        }
        return true;
    }

    /** Notes how the call ended (the gateway's view); the status itself goes through {@link #apply}. */
    public void ended(String sid, String reason, Long durationMs) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET end_reason = ?,"
                    + " duration_ms = COALESCE(duration_ms, ?) WHERE sid = ?")) {
                bind(update, reason, durationMs, sid);
                return update.executeUpdate();
            }
        });
    }

    /** Notes the agent profile and version the call runs on (at its dial, then as the gateway reports them). */
    public void profile(String sid, String profile, Long version) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE calls SET profile = ?, profile_version = ? WHERE sid = ?")) {
                bind(update, profile, version, sid);
                return update.executeUpdate();
            }
        });
    }

    /** The profile the call runs on, if known. */
    public Optional<String> profileOf(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT profile FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Notes the answering-machine detection plan the call was dialed with (served in its context). */
    public void amdPlan(String sid, String mode, String message) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE calls SET amd_mode = ?, amd_message = ? WHERE sid = ?")) {
                bind(update, mode, message, sid);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Records what the gateway did about answering-machine detection (its call.amd) and tells the listeners in the
     * same transaction; a redelivered report changes nothing. The gateway's {@code answeredBy} fills a gap only:
     * Twilio's own report, when it came, is kept.
     */
    public void amdHandled(String sid, String answeredBy, String action, boolean timedOut, Instant at) {
        ensure(sid, "unknown", null, null, at);
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET amd_action = ?,"
                    + " answered_by = COALESCE(answered_by, ?) WHERE sid = ? AND amd_action IS NULL")) {
                bind(update, action, answeredBy, sid);
                if (update.executeUpdate() == 0) {
                    return null;
                }
            }
            String stored = answeredBy(connection, sid);
            listeners.tell(l -> l.amdHandled(connection, new CallChanges.AmdOutcome(sid, at, stored, action,
                    timedOut)));
            return null;
        });
    }

    private static String answeredBy(Connection connection, String sid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT answered_by FROM calls WHERE sid = ?")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** Twilio's AMD result for a call dialed with {@code amd} that the gateway has not yet acted on (no call.amd). */
    public Optional<String> pendingAmdAnswer(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT answered_by FROM calls WHERE sid = ?"
                    + " AND amd_mode IS NOT NULL AND amd_action IS NULL AND answered_by IS NOT NULL")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Stores Twilio's AnsweredBy as given; false when there is no such call. */
    public boolean answeredBy(String sid, String answeredBy) {
        return database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE calls SET answered_by = ? WHERE sid = ?")) {
                bind(update, answeredBy, sid);
                return update.executeUpdate();
            }
        }) > 0;
    }

    public Optional<String> status(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT status FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    List<CallDetail.StatusChange> timeline(Connection connection, String sid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT status, sequence_number, source,"
                + " occurred_at FROM call_status_events WHERE call_sid = ? ORDER BY occurred_at, id")) {
            bind(select, sid);
            List<CallDetail.StatusChange> timeline = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    timeline.add(new CallDetail.StatusChange(row.getString(1), Sql.intOrNull(row, "sequence_number"),
                            row.getString(3), instant(row, "occurred_at")));
                }
            }
            return timeline;
        }
    }

    static CallView view(ResultSet row) throws SQLException {
        return new CallView(row.getString("sid"), row.getString("direction"), row.getString("from_number"),
                row.getString("to_number"), row.getString("status"), instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "ended_at"), longOrNull(row, "duration_ms"),
                row.getString("profile"), longOrNull(row, "profile_version"), row.getString("answered_by"),
                row.getString("amd_action"));
    }

    static Void ensure(Connection connection, String sid, String direction, String from, String to,
                               Instant at) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM calls WHERE sid = ?")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return fillUnknown(connection, sid, direction, from, to);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO calls (sid, direction, from_number,"
                + " to_number, status, status_seq, created_at) VALUES (?, ?, ?, ?, 'queued', -1, ?)")) {
            bind(insert, sid, direction, from, to, at);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Database.isDuplicate(e)) {
                throw e;
            }
        }
        return null;
    }

    // A row made from a bare report learns its direction and numbers from the first report that has them.
    private static Void fillUnknown(Connection connection, String sid, String direction, String from, String to)
            throws SQLException {
        if ("unknown".equals(direction)) {
            return null;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET direction = ?,"
                + " from_number = COALESCE(from_number, ?), to_number = COALESCE(to_number, ?)"
                + " WHERE sid = ? AND direction = 'unknown'")) {
            bind(update, direction, from, to, sid);
            update.executeUpdate();
        }
        return null;
    }
}
