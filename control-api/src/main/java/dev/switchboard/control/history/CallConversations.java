package dev.switchboard.control.history;

import dev.switchboard.contract.link.ConversationItem;
import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.longOrNull;

/**
 * The conversation items gateways report per call ({@code conversation.item}) and what else a resuming gateway must
 * know: the call's status, why its gateway ended it, its profile version and its transfer. Blocking (JDBC).
 */
@ApplicationScoped
public class CallConversations {

    /** The call as stored: its status, the gateway's end reason (null while it runs), profile and transfer. */
    public record CallState(String status, String endReason, String profile, Long profileVersion,
                            String transferTarget) { }

    private final Database database;

    CallConversations(Database database) {
        this.database = database;
    }

    /**
     * Stores an item under its index; a later report of the same index replaces it, but a completed item is never
     * set back to in progress (a redelivered frame).
     */
    void record(String sid, ConversationItem item, Instant at) {
        database.autoCommit(connection -> {
            if (update(connection, sid, item, at) == 0) {
                insert(connection, sid, item, at);
            }
            return null;
        });
    }

    private static int update(Connection connection, String sid, ConversationItem item, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE conversation_items SET item_type = ?,"
                + " role = ?, status = ?, content = ?, name = ?, tool_call_id = ?, arguments = ?, output = ?,"
                + " updated_at = ? WHERE call_sid = ? AND item_index = ? AND (status IS NULL OR status <> ?"
                + " OR ? = ?)")) {
            bind(update, item.itemType(), item.role(), item.status(), item.text(), item.name(), item.callId(),
                    item.arguments(), item.output(), at, sid, item.index(), ConversationItem.COMPLETED,
                    item.status(), ConversationItem.COMPLETED);
            int updated = update.executeUpdate();
            return updated > 0 || exists(connection, sid, item.index()) ? 1 : 0;
        }
    }

    private static boolean exists(Connection connection, String sid, long index) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM conversation_items WHERE call_sid = ? AND item_index = ?")) {
            bind(select, sid, index);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void insert(Connection connection, String sid, ConversationItem item, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO conversation_items (call_sid,"
                + " item_index, item_type, role, status, content, name, tool_call_id, arguments, output, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, sid, item.index(), item.itemType(), item.role(), item.status(), item.text(), item.name(),
                    item.callId(), item.arguments(), item.output(), at);
            insert.executeUpdate();
        } catch (SQLException e) {
            // Two reports of one item raced: the other one is stored, this one is applied over it.
            if (!Database.isDuplicate(e)) {
                throw e;
            }
            update(connection, sid, item, at);
        }
    }

    /** The call's items in order. */
    public List<ConversationItem> items(String sid) {
        return database.autoCommit(connection -> {
            List<ConversationItem> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT item_index, item_type, role, status,"
                    + " content, name, tool_call_id, arguments, output FROM conversation_items WHERE call_sid = ?"
                    + " ORDER BY item_index")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(new ConversationItem(row.getLong(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                                row.getString(8), row.getString(9)));
                    }
                }
            }
            return items;
        });
    }

    /** The call's state; empty for a call control-api has never heard of. */
    public Optional<CallState> state(String sid) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT status, end_reason, profile,"
                    + " profile_version FROM calls WHERE sid = ?")) {
                bind(select, sid);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<CallState>empty();
                    }
                    return Optional.of(new CallState(row.getString(1), row.getString(2), row.getString(3),
                            longOrNull(row, "profile_version"), transferTarget(connection, sid)));
                }
            }
        });
    }

    private static String transferTarget(Connection connection, String sid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT target FROM call_transfers WHERE call_sid = ? ORDER BY id DESC")) {
            bind(select, sid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
