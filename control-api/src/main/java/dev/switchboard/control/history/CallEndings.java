package dev.switchboard.control.history;

import dev.switchboard.control.costs.PriceTable;
import dev.switchboard.control.costs.TokenCounts;
import dev.switchboard.control.storage.Database;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.longOrNull;

/**
 * The gateway's {@code call.ended}: in one transaction the call's end, its usage and estimated cost, the final
 * transcript (call.transcript) and its status move (call.completed, or the one held for this report) are stored,
 * so that call.completed carries the usage. Also sends the held call.completed of calls whose gateway never
 * reported (crashed, or link down past usage-wait).
 */
@ApplicationScoped
public class CallEndings {

    private final Database database;
    private final CallStore calls;
    private final CallEventStore events;
    private final ChangeListeners listeners;
    private final UsageJson usage;
    private final PriceTable prices;
    private final MeterRegistry metrics;

    CallEndings(Database database, CallStore calls, CallEventStore events, ChangeListeners listeners,
                UsageJson usage, PriceTable prices, MeterRegistry metrics) {
        this.database = database;
        this.calls = calls;
        this.events = events;
        this.listeners = listeners;
        this.usage = usage;
        this.prices = prices;
        this.metrics = metrics;
    }

    /**
     * Records the gateway's end of call {@code sid}; {@code report} is the completed status it stands for, or null
     * when the call goes on without us (transferred). A redelivered report changes nothing.
     */
    void gatewayEnded(String sid, StatusReport report, String reason, Long durationMs, TokenCounts tokens,
                      Instant at) {
        calls.ensure(sid, "unknown", null, null, at);
        BigDecimal cost = database.inTransaction(connection -> {
            if (report != null && !calls.recorded(connection, report)) {
                return null;
            }
            if (!markEnded(connection, sid, reason, durationMs, at)) {
                return null;
            }
            BigDecimal estimated = storeUsage(connection, sid, durationMs, tokens);
            List<CallDetail.TranscriptLine> lines = events.transcript(connection, sid);
            listeners.tell(l -> l.transcriptFinished(connection, new CallChanges.Transcript(sid, at, lines)));
            if (report != null && calls.advance(connection, report)) {
                calls.changed(connection, report);
            }
            calls.releaseHeld(connection, sid);
            return estimated;
        });
        if (cost != null) {
            metrics.counter("switchboard.call.cost.usd").increment(cost.doubleValue());
        }
    }

    /** Adds what Twilio charged ({@code amount} as Twilio gives it: negative is a charge) to the call's usage. */
    public void twilioPrice(String sid, BigDecimal amount, String unit) {
        database.inTransaction(connection -> {
            String stored;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT usage_json FROM calls WHERE sid = ? FOR UPDATE")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    stored = row.getString(1);
                }
            }
            Map<String, Object> known = usage.read(stored);
            Map<String, Object> merged = known == null ? new HashMap<>() : new HashMap<>(known);
            Map<String, Object> price = new HashMap<>();
            price.put("amount", amount.abs());
            price.put("currency", unit);
            merged.put("twilioPrice", price);
            events.usage(connection, sid, usage.write(merged));
            return null;
        });
    }

    /** Sends every call.completed held longer than usage-wait, without usage; returns how many. */
    public int releaseOverdue() {
        List<String> overdue = database.autoCommit(connection -> {
            List<String> sids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sid FROM calls WHERE completion_held_until < ?")) {
                bind(select, Instant.now());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        sids.add(row.getString(1));
                    }
                }
            }
            return sids;
        });
        int released = 0;
        for (String sid : overdue) {
            released += database.inTransaction(connection -> calls.releaseHeld(connection, sid)) ? 1 : 0;
        }
        return released;
    }

    private static boolean markEnded(Connection connection, String sid, String reason, Long durationMs, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE calls SET end_reason = ?,"
                + " duration_ms = COALESCE(duration_ms, ?), gateway_ended_at = ?"
                + " WHERE sid = ? AND gateway_ended_at IS NULL")) {
            bind(update, reason, durationMs, at, sid);
            return update.executeUpdate() == 1;
        }
    }

    /** Merges tokens, length and estimated cost into the call's usage; the estimate in USD for the metric, or null. */
    private BigDecimal storeUsage(Connection connection, String sid, Long durationMs, TokenCounts tokens)
            throws SQLException {
        String direction;
        Long storedMs;
        Map<String, Object> known;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT direction, duration_ms, usage_json FROM calls WHERE sid = ?")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                direction = row.getString(1);
                storedMs = longOrNull(row, "duration_ms");
                known = usage.read(row.getString(3));
            }
        }
        // Twilio's duration (the billed one) when its callback came first, else the gateway's.
        long ms = storedMs != null ? storedMs : durationMs == null ? 0 : durationMs;
        long seconds = (ms + 999) / 1000;
        Map<String, Object> merged = known == null ? new HashMap<>() : new HashMap<>(known);
        Map<String, Object> estimate = prices.estimate(tokens, seconds, direction);
        if (tokens != null) {
            merged.put("tokens", tokens.view());
        }
        merged.put("durationSeconds", seconds);
        merged.put("estimatedCost", estimate);
        events.usage(connection, sid, usage.write(merged));
        return "USD".equals(estimate.get("currency")) ? (BigDecimal) estimate.get("total") : null;
    }
}
