package dev.switchboard.control.history;

import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.instant;
import static dev.switchboard.control.storage.Sql.intOrNull;

/** The {@code call_recordings} rows, and the calls' {@code recorded} flag that the gateway's call context carries. */
@ApplicationScoped
public class RecordingStore {

    private static final String COLUMNS = "recording_sid, call_sid, status, duration_seconds, channels, source_url,"
            + " local_file, created_at, updated_at";

    private final Database database;
    private final Instance<CallChanges> changes;

    RecordingStore(Database database, Instance<CallChanges> changes) {
        this.database = database;
        this.changes = changes;
    }

    /** Notes that the call was asked to record (its row exists: the dial stored it). */
    public void markRecorded(String callSid) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE calls SET recorded = TRUE WHERE sid = ?")) {
                bind(update, callSid);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Stores a recording status report (a repeated one updates the row); the first report that it completed tells
     * {@link CallChanges} in the same transaction. Returns true when this report completed the recording.
     */
    public boolean save(Recording recording) {
        return database.inTransaction(connection -> {
            Optional<Recording> before = find(connection, recording.recordingSid());
            if (before.isEmpty()) {
                insert(connection, recording);
            } else {
                update(connection, recording);
            }
            boolean completedNow = recording.completed() && before.map(r -> !r.completed()).orElse(true);
            if (completedNow) {
                for (CallChanges listener : changes) {
                    listener.recordingCompleted(connection, recording);
                }
            }
            return completedNow;
        });
    }

    /** The call's latest completed recording. */
    public Optional<Recording> completedFor(String callSid) {
        return database.autoCommit(connection -> completedFor(connection, callSid));
    }

    static Optional<Recording> completedFor(Connection connection, String callSid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM call_recordings WHERE call_sid = ? AND status = ? ORDER BY updated_at DESC")) {
            bind(select, callSid, Recording.COMPLETED);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static Optional<Recording> find(Connection connection, String recordingSid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM call_recordings WHERE recording_sid = ? FOR UPDATE")) {
            bind(select, recordingSid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static void insert(Connection connection, Recording r) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_recordings (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, r.recordingSid(), r.callSid(), r.status(), r.durationSeconds(), r.channels(), r.sourceUrl(),
                    r.local(), r.createdAt(), r.updatedAt());
            insert.executeUpdate();
        }
    }

    // A completed recording stays completed: a late in-progress report must not hide its audio again.
    private static void update(Connection connection, Recording r) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE call_recordings SET"
                + " status = CASE WHEN status = ? THEN status ELSE ? END,"
                + " duration_seconds = COALESCE(?, duration_seconds), channels = COALESCE(?, channels),"
                + " source_url = COALESCE(?, source_url), updated_at = ? WHERE recording_sid = ?")) {
            bind(update, Recording.COMPLETED, r.status(), r.durationSeconds(), r.channels(), r.sourceUrl(),
                    r.updatedAt(), r.recordingSid());
            update.executeUpdate();
        }
    }

    private static Recording read(ResultSet row) throws SQLException {
        return new Recording(row.getString("recording_sid"), row.getString("call_sid"), row.getString("status"),
                intOrNull(row, "duration_seconds"), intOrNull(row, "channels"), row.getString("source_url"),
                row.getBoolean("local_file"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
