package dev.switchboard.control.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Told about each move of a call's status (and each completed recording) inside the transaction that stores it, so
 * that whatever must follow the move (the webhook outbox) commits or rolls back with it. Implemented by a higher
 * package; blocking (JDBC).
 */
public interface CallChanges {

    /** Called on {@code connection}, within its open transaction; throwing rolls the status change back. */
    void statusChanged(Connection connection, StatusChange change) throws SQLException;

    /** A recording of the call completed (once per recording); same transaction rules as a status change. */
    default void recordingCompleted(Connection connection, Recording recording) throws SQLException {
    }

    /** The call moved to {@code status} (reported at {@code at}); {@code call} is its row after the move. */
    record StatusChange(String callSid, String status, Instant at, CallView call) { }
}
