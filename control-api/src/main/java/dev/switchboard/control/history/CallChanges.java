package dev.switchboard.control.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Told about each change of a call inside the transaction that stores it, so that whatever must follow the change
 * (the webhook outbox) commits or rolls back with it. Implemented by a higher package; blocking (JDBC). Every method
 * is called on {@code connection}, within its open transaction; throwing rolls the change back.
 */
public interface CallChanges {

    void statusChanged(Connection connection, StatusChange change) throws SQLException;

    /** A recording of the call completed (once per recording); same transaction rules as a status change. */
    default void recordingCompleted(Connection connection, Recording recording) throws SQLException {
    }

    /** The gateway reported the call's end: its final transcript is complete. */
    default void transcriptFinished(Connection connection, Transcript transcript) throws SQLException {
    }

    /** A tool the model called returned (or failed). */
    default void toolFinished(Connection connection, ToolRun run) throws SQLException {
    }

    /** A transfer was handed to the carrier ({@code outcome} transferred) or refused by it (failed). */
    default void transferred(Connection connection, TransferOutcome transfer) throws SQLException {
    }

    /** The gateway acted on answering-machine detection (its call.amd), once per call. */
    default void amdHandled(Connection connection, AmdOutcome amd) throws SQLException {
    }

    /**
     * The call moved to {@code status} (reported at {@code at}); {@code call} is its row after the move,
     * {@code usage} what is known of its tokens and cost (as in GET /api/calls/{sid}), or null.
     */
    record StatusChange(String callSid, String status, Instant at, CallView call, Map<String, Object> usage) { }

    /** Both sides' final lines, in the order spoken. */
    record Transcript(String callSid, Instant at, List<CallDetail.TranscriptLine> lines) { }

    /** One tool call; {@code durationMs} from the call to its result, when both are known. */
    record ToolRun(String callSid, Instant at, String callId, String name, String arguments, String output,
                   String error, Long durationMs) { }

    /** {@code requestedBy} is api or agent. */
    record TransferOutcome(String callSid, Instant at, String target, String requestedBy, String outcome,
                           String reason) { }

    /**
     * What the gateway did about answering-machine detection: {@code action} agent, message or hangup;
     * {@code answeredBy} as stored on the call (Twilio's, else the gateway's; null when none came in time).
     */
    record AmdOutcome(String callSid, Instant at, String answeredBy, String action, boolean timedOut) { }
}
