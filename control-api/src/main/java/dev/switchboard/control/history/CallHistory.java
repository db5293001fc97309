package dev.switchboard.control.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.CallContext;
import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.instant;
import static dev.switchboard.control.storage.Sql.longOrNull;

/** Reads the call history: pages of calls, and one call with everything recorded about it. */
@ApplicationScoped
public class CallHistory {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Database database;
    private final CallStore calls;
    private final CallEventStore events;
    private final ObjectMapper json;

    CallHistory(Database database, CallStore calls, CallEventStore events, ObjectMapper json) {
        this.database = database;
        this.calls = calls;
        this.events = events;
        this.json = json;
    }

    public CallPage page(CallFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return database.autoCommit(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM calls" + where)) {
                bind(count, params.toArray());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Object> paged = new ArrayList<>(params);
            paged.add(size);
            paged.add((long) page * size);
            List<CallView> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CallStore.COLUMNS + " FROM calls"
                    + where + " ORDER BY created_at DESC, sid DESC LIMIT ? OFFSET ?")) {
                bind(select, paged.toArray());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(CallStore.view(row));
                    }
                }
            }
            return new CallPage(items, page, size, total);
        });
    }

    public Optional<CallView> view(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CallStore.COLUMNS
                    + " FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(CallStore.view(row)) : Optional.<CallView>empty();
                }
            }
        });
    }

    public Optional<CallDetail> find(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CallStore.COLUMNS
                    + ", end_reason, instructions, variables, usage_json FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(detail(connection, row)) : Optional.<CallDetail>empty();
                }
            }
        });
    }

    /**
     * The call's own context (per-call instructions, variables, profile, recording and answering-machine detection
     * plan), for the gateway at call start.
     */
    public Optional<CallContext> context(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT instructions, variables, profile, profile_version, recorded, amd_mode, amd_message"
                            + " FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new CallContext(sid, row.getString(1), map(row.getString(2)),
                                    row.getString(3), longOrNull(row, "profile_version"),
                                    row.getBoolean(5) ? Boolean.TRUE : null, amd(row)))
                            : Optional.<CallContext>empty();
                }
            }
        });
    }

    private static CallContext.Amd amd(ResultSet row) throws SQLException {
        String mode = row.getString("amd_mode");
        return mode == null ? null : new CallContext.Amd(mode, row.getString("amd_message"));
    }

    private CallDetail detail(Connection connection, ResultSet row) throws SQLException {
        String sid = row.getString("sid");
        return new CallDetail(sid, row.getString("direction"), row.getString("from_number"),
                row.getString("to_number"), row.getString("status"), instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "ended_at"), longOrNull(row, "duration_ms"),
                row.getString("end_reason"), row.getString("answered_by"), row.getString("instructions"),
                map(row.getString("variables")), calls.timeline(connection, sid), events.transcript(connection, sid),
                events.toolCalls(connection, sid), events.interruptions(connection, sid),
                events.transfers(connection, sid), map(row.getString("usage_json")), row.getString("profile"),
                longOrNull(row, "profile_version"),
                RecordingStore.completedFor(connection, sid).map(Recording::publicFields).orElse(null),
                row.getString("amd_action"));
    }

    private static String where(CallFilter filter, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (filter.number() != null) {
            clauses.add("(from_number LIKE ? OR to_number LIKE ?)");
            params.add("%" + filter.number() + "%");
            params.add("%" + filter.number() + "%");
        }
        if (filter.status() != null) {
            clauses.add("status = ?");
            params.add(filter.status());
        }
        if (filter.since() != null) {
            clauses.add("created_at >= ?");
            params.add(filter.since());
        }
        if (filter.until() != null) {
            clauses.add("created_at < ?");
            params.add(filter.until());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private Map<String, Object> map(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
