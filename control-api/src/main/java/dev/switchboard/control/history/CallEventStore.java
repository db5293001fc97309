package dev.switchboard.control.history;

import dev.switchboard.control.storage.Sql;
import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.instant;

/**
 * What happened inside a call: transcript lines, tool calls, interruptions, transfers and usage. Every write is
 * idempotent (unique keys per call), so a redelivered link event changes nothing.
 */
@ApplicationScoped
public class CallEventStore {

    private final Database database;
    private final ChangeListeners listeners;

    CallEventStore(Database database, ChangeListeners listeners) {
        this.database = database;
        this.listeners = listeners;
    }

    void transcript(String sid, String speaker, String itemId, String text, Instant at) {
        insertOnce("INSERT INTO transcript_lines (call_sid, speaker, item_id, content, occurred_at)"
                + " VALUES (?, ?, ?, ?, ?)", sid, speaker, itemId, text, at);
    }

    void toolCalled(String sid, String callId, String name, String arguments, Instant at) {
        insertOnce("INSERT INTO tool_calls (call_sid, tool_call_id, name, arguments, called_at)"
                + " VALUES (?, ?, ?, ?, ?)", sid, callId, name, arguments, at);
    }

    void toolResult(String sid, String callId, String name, String output, String error, Instant at) {
        // A result whose call event was lost still deserves a row.
        toolCalled(sid, callId, name, null, at);
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE tool_calls SET output = ?, error = ?,"
                    + " result_at = ? WHERE call_sid = ? AND tool_call_id = ? AND result_at IS NULL")) {
                bind(update, output, error, at, sid, callId);
                if (update.executeUpdate() == 0) {
                    return null;   // a redelivered result
                }
            }
            CallChanges.ToolRun run = toolRun(connection, sid, callId);
            listeners.tell(l -> l.toolFinished(connection, run));
            return null;
        });
    }

    private static CallChanges.ToolRun toolRun(Connection connection, String sid, String callId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name, arguments, output, error, called_at,"
                + " result_at FROM tool_calls WHERE call_sid = ? AND tool_call_id = ?")) {
            bind(select, sid, callId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Instant called = instant(row, "called_at");
                Instant result = instant(row, "result_at");
                Long ms = called == null || result == null ? null : Math.max(0, result.toEpochMilli()
                        - called.toEpochMilli());
                return new CallChanges.ToolRun(sid, result, callId, row.getString(1), row.getString(2),
                        row.getString(3), row.getString(4), ms);
            }
        }
    }

    void interruption(String sid, String itemId, Long audioEndMs, Instant at) {
        insertOnce("INSERT INTO call_interruptions (call_sid, item_id, audio_end_ms, occurred_at)"
                + " VALUES (?, ?, ?, ?)", sid, itemId, audioEndMs, at);
    }

    /** Records a transfer the carrier accepted, with its call.transfer event. */
    public void transfer(String sid, String target, String reason, String requestedBy, Instant at) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_transfers (call_sid, target,"
                    + " reason, requested_by, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
                bind(insert, sid, target, reason, requestedBy, at);
                insert.executeUpdate();
            }
            transferOutcome(connection, sid, target, requestedBy, "transferred", reason, at);
            return null;
        });
    }

    /** A transfer the carrier refused: only its call.transfer event (outcome failed) is stored. */
    public void transferFailed(String sid, String target, String reason, String requestedBy, Instant at) {
        database.inTransaction(connection -> {
            transferOutcome(connection, sid, target, requestedBy, "failed", reason, at);
            return null;
        });
    }

    private void transferOutcome(Connection connection, String sid, String target, String requestedBy,
                                 String outcome, String reason, Instant at) throws SQLException {
        CallChanges.TransferOutcome transfer = new CallChanges.TransferOutcome(sid, at, target, requestedBy,
                outcome, reason);
        listeners.tell(l -> l.transferred(connection, transfer));
    }

    public boolean transferred(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM call_transfers WHERE call_sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    void usage(String sid, String usageJson) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE calls SET usage_json = ? WHERE sid = ?")) {
                bind(update, usageJson, sid);
                return update.executeUpdate();
            }
        });
    }

    void usage(Connection connection, String sid, String usageJson) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET usage_json = ? WHERE sid = ?")) {
            bind(update, usageJson, sid);
            update.executeUpdate();
        }
    }

    String usage(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT usage_json FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    List<CallDetail.TranscriptLine> transcript(Connection connection, String sid) throws SQLException {
        List<CallDetail.TranscriptLine> lines = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT speaker, item_id, content, occurred_at"
                + " FROM transcript_lines WHERE call_sid = ? ORDER BY occurred_at, id")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    lines.add(new CallDetail.TranscriptLine(row.getString(1), row.getString(2), row.getString(3),
                            instant(row, "occurred_at")));
                }
            }
        }
        return lines;
    }

    List<CallDetail.ToolCall> toolCalls(Connection connection, String sid) throws SQLException {
        List<CallDetail.ToolCall> calls = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT tool_call_id, name, arguments, output,"
                + " error, called_at, result_at FROM tool_calls WHERE call_sid = ? ORDER BY called_at, id")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    calls.add(new CallDetail.ToolCall(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), instant(row, "called_at"), instant(row, "result_at")));
                }
            }
        }
        return calls;
    }

    List<CallDetail.Interruption> interruptions(Connection connection, String sid) throws SQLException {
        List<CallDetail.Interruption> interruptions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT item_id, audio_end_ms, occurred_at"
                + " FROM call_interruptions WHERE call_sid = ? ORDER BY occurred_at, id")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    interruptions.add(new CallDetail.Interruption(row.getString(1),
                            Sql.longOrNull(row, "audio_end_ms"), instant(row, "occurred_at")));
                }
            }
        }
        return interruptions;
    }

    List<CallDetail.Transfer> transfers(Connection connection, String sid) throws SQLException {
        List<CallDetail.Transfer> transfers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT target, reason, requested_by, occurred_at"
                + " FROM call_transfers WHERE call_sid = ? ORDER BY occurred_at, id")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    transfers.add(new CallDetail.Transfer(row.getString(1), row.getString(2), row.getString(3),
                            instant(row, "occurred_at")));
                }
            }
        }
        return transfers;
    }

    private void insertOnce(String sql, Object... values) {
        database.autoCommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                bind(insert, values);
                return insert.executeUpdate();
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {
                    return 0;
                }
                throw e;
            }
        });
    }
}
