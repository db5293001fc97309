package dev.switchboard.control.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.switchboard.control.history.CallChanges;
import dev.switchboard.control.history.CallView;
import dev.switchboard.control.history.Recording;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static dev.switchboard.control.storage.Sql.bind;

/**
 * The transactional outbox: turns a call's status move into an event row plus one delivery row per matching active
 * subscription, on the connection (and so in the transaction) that stores the move. A crash either keeps both the
 * new status and its pending deliveries, or neither.
 */
@ApplicationScoped
class WebhookOutbox implements CallChanges {

    /** Longest tool result carried in a call.tool event, in characters. */
    static final int RESULT_SUMMARY = 500;

    private final ObjectWriter writer;

    WebhookOutbox(ObjectMapper json) {
        this.writer = json.copy()
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL))
                .writer();
    }

    @Override
    public void statusChanged(Connection connection, StatusChange change) throws SQLException {
        String type = WebhookEvents.forStatus(change.status());
        if (type != null) {
            write(connection, change.callSid(), type, change.at(), data(change));
        }
    }

    @Override
    public void recordingCompleted(Connection connection, Recording recording) throws SQLException {
        write(connection, recording.callSid(), WebhookEvents.RECORDING, recording.updatedAt(),
                recording.publicFields());
    }

    @Override
    public void transcriptFinished(Connection connection, Transcript transcript) throws SQLException {
        List<Map<String, Object>> lines = transcript.lines().stream()
                .map(line -> fields("speaker", line.speaker(), "text", line.text(), "at", line.at())).toList();
        write(connection, transcript.callSid(), "call.transcript", transcript.at(), fields("lines", lines));
    }

    @Override
    public void toolFinished(Connection connection, ToolRun run) throws SQLException {
        write(connection, run.callSid(), "call.tool", run.at(), fields("callId", run.callId(), "name", run.name(),
                "arguments", run.arguments(), "result", summary(run.output()), "error", run.error(),
                "durationMs", run.durationMs()));
    }

    @Override
    public void transferred(Connection connection, TransferOutcome transfer) throws SQLException {
        write(connection, transfer.callSid(), "call.transfer", transfer.at(), fields("target", transfer.target(),
                "outcome", transfer.outcome(), "requestedBy", transfer.requestedBy(), "reason", transfer.reason()));
    }

    @Override
    public void amdHandled(Connection connection, AmdOutcome amd) throws SQLException {
        write(connection, amd.callSid(), "call.amd", amd.at(), fields("answeredBy", amd.answeredBy(),
                "action", amd.action(), "timedOut", amd.timedOut()));
    }

    // A tool's output can be large (a whole record); the event carries its start, the call record all of it.
    private static String summary(String output) {
        return output == null || output.length() <= RESULT_SUMMARY ? output
                : output.substring(0, RESULT_SUMMARY) + "…";
    }

    void write(Connection connection, String sid, String type, Instant at, Map<String, Object> data)
            throws SQLException {
        int sequence = nextSequence(connection, sid);
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String body = body(new WebhookMessage(type, id, sid, sequence, at, data));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_events (event_id, call_sid,"
                + " type, sequence, occurred_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(insert, id, sid, type, sequence, at, body);
            insert.executeUpdate();
        }
        Instant now = Instant.now();
        try (PreparedStatement fanOut = connection.prepareStatement("INSERT INTO webhook_deliveries (subscription_id,"
                + " event_id, call_sid, sequence, state, attempts, next_attempt_at, created_at)"
                + " SELECT id, ?, ?, ?, 'pending', 0, ?, ? FROM webhook_subscriptions"
                + " WHERE active = TRUE AND (events LIKE '%,*,%' OR events LIKE ?)")) {
            bind(fanOut, id, sid, sequence, now, now, "%," + type + ",%");
            fanOut.executeUpdate();
        }
    }

    // The call's row is locked (FOR UPDATE) until commit, so two changes of one call never get the same number.
    private static int nextSequence(Connection connection, String sid) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT sid FROM calls WHERE sid = ? FOR UPDATE")) {
            bind(lock, sid);
            lock.executeQuery().close();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(sequence), 0) + 1 FROM webhook_events WHERE call_sid = ?")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Map<String, Object> data(StatusChange change) {
        CallView call = change.call();
        boolean completed = "completed".equals(change.status()) && change.usage() != null;
        return fields("status", change.status(), "direction", call.direction(), "from", call.from(),
                "to", call.to(), "createdAt", call.createdAt(), "startedAt", call.startedAt(),
                "endedAt", call.endedAt(), "durationMs", call.durationMs(), "profile", call.profile(),
                "profileVersion", call.profileVersion(), "answeredBy", call.answeredBy(),
                "usage", completed ? usage(change.usage()) : null);
    }

    /** The parts of the call's usage a subscriber needs (docs/webhooks.md); gateway metrics stay on the record. */
    private static Map<String, Object> usage(Map<String, Object> stored) {
        Map<String, Object> usage = fields("tokens", stored.get("tokens"), "durationSeconds",
                stored.get("durationSeconds"), "estimatedCost", stored.get("estimatedCost"),
                "twilioPrice", stored.get("twilioPrice"));
        return usage.values().stream().allMatch(Objects::isNull) ? null : usage;
    }

    /** An event's data in the given order; null values are kept here and left out by {@link #body}. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    // The one writer of event bodies: a field without a value is left out, at any depth (docs/webhooks.md).
    private String body(WebhookMessage message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook event cannot be written", e);
        }
    }
}
