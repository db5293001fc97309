package dev.switchboard.control.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ObjectMapper json;

    WebhookOutbox(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void statusChanged(Connection connection, StatusChange change) throws SQLException {
        String type = WebhookEvents.forStatus(change.status());
        if (type != null) {
            write(connection, change.callSid(), type, change.at(), data(change));
        }
    }

    // Sid, length and channels only: the recording's Twilio URL stays in control-api (docs/security.md).
    @Override
    public void recordingCompleted(Connection connection, Recording recording) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recordingSid", recording.recordingSid());
        data.put("status", recording.status());
        data.put("durationSeconds", recording.durationSeconds());
        data.put("channels", recording.channels());
        data.values().removeIf(java.util.Objects::isNull);
        write(connection, recording.callSid(), WebhookEvents.RECORDING, recording.updatedAt(), data);
    }

    @Override
    public void transcriptFinished(Connection connection, Transcript transcript) throws SQLException {
        List<Map<String, Object>> lines = transcript.lines().stream().map(line -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("speaker", line.speaker());
            item.put("text", line.text());
            item.put("at", line.at());
            return item;
        }).toList();
        write(connection, transcript.callSid(), "call.transcript", transcript.at(), Map.of("lines", lines));
    }

    @Override
    public void toolFinished(Connection connection, ToolRun run) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", run.callId());
        data.put("name", run.name());
        data.put("arguments", run.arguments());
        data.put("result", summary(run.output()));
        data.put("error", run.error());
        data.put("durationMs", run.durationMs());
        data.values().removeIf(Objects::isNull);
        write(connection, run.callSid(), "call.tool", run.at(), data);
    }

    @Override
    public void transferred(Connection connection, TransferOutcome transfer) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", transfer.target());
        data.put("outcome", transfer.outcome());
        data.put("requestedBy", transfer.requestedBy());
        data.put("reason", transfer.reason());
        data.values().removeIf(Objects::isNull);
        write(connection, transfer.callSid(), "call.transfer", transfer.at(), data);
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", change.status());
        data.put("direction", call.direction());
        data.put("from", call.from());
        data.put("to", call.to());
        data.put("createdAt", call.createdAt());
        data.put("startedAt", call.startedAt());
        data.put("endedAt", call.endedAt());
        data.put("durationMs", call.durationMs());
        data.put("profile", call.profile());
        data.put("profileVersion", call.profileVersion());
        if ("completed".equals(change.status()) && change.usage() != null) {
            data.put("usage", usage(change.usage()));
        }
        data.values().removeIf(Objects::isNull);
        return data;
    }

    /** The parts of the call's usage a subscriber needs (docs/webhooks.md); gateway metrics stay on the record. */
    private static Map<String, Object> usage(Map<String, Object> stored) {
        Map<String, Object> usage = new LinkedHashMap<>();
        for (String key : List.of("tokens", "durationSeconds", "estimatedCost", "twilioPrice")) {
            if (stored.get(key) != null) {
                usage.put(key, stored.get(key));
            }
        }
        return usage.isEmpty() ? null : usage;
    }

    private String body(WebhookMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook event cannot be written", e);
        }
    }
}
