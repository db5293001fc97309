package dev.switchboard.control.idempotency;

import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The idempotency_keys table; every statement commits on its own, so other replicas see it at once. */
@ApplicationScoped
class KeyStore {

    static final String PENDING = "pending";
    static final String DONE = "done";

    /** One key as stored; {@code status} and {@code body} are set once its request succeeded. */
    record Row(String hash, String state, Integer status, String body, Instant createdAt) {

        boolean done() {
            return DONE.equals(state);
        }
    }

    private final Database database;

    KeyStore(Database database) {
        this.database = database;
    }

    /** Inserts a pending row; false when the key already has one (the unique key decides between replicas). */
    boolean claim(String scope, String key, String hash, String owner, Instant now) {
        return database.autoCommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotency_keys"
                    + " (scope, idem_key, request_hash, owner, state, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, hash);
                insert.setString(4, owner);
                insert.setString(5, PENDING);
                insert.setTimestamp(6, Timestamp.from(now));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    Optional<Row> find(String scope, String key) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT request_hash, state, response_status,"
                    + " response_body, created_at FROM idempotency_keys WHERE scope = ? AND idem_key = ?")) {
                select.setString(1, scope);
                select.setString(2, key);
                try (ResultSet found = select.executeQuery()) {
                    if (!found.next()) {
                        return Optional.empty();
                    }
                    int status = found.getInt(3);
                    return Optional.of(new Row(found.getString(1), found.getString(2),
                            found.wasNull() ? null : status, found.getString(4), found.getTimestamp(5).toInstant()));
                }
            }
        });
    }

    /** Stores the response of the request that claimed the key; nothing when another owner holds it now. */
    void complete(String scope, String key, String owner, int status, String body) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE idempotency_keys SET state = ?,"
                    + " response_status = ?, response_body = ? WHERE scope = ? AND idem_key = ? AND owner = ?")) {
                update.setString(1, DONE);
                update.setInt(2, status);
                update.setString(3, body);
                update.setString(4, scope);
                update.setString(5, key);
                update.setString(6, owner);
                return update.executeUpdate();
            }
        });
    }

    /** Lets go of a key whose request failed, so that a retry runs afresh. */
    void release(String scope, String key, String owner) {
        database.autoCommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotency_keys"
                    + " WHERE scope = ? AND idem_key = ? AND owner = ? AND state = ?")) {
                delete.setString(1, scope);
                delete.setString(2, key);
                delete.setString(3, owner);
                delete.setString(4, PENDING);
                return delete.executeUpdate();
            }
        });
    }

    /** Deletes the key if it was created before {@code cutoff}; racing callers delete it at most once. */
    void deleteIfOlder(String scope, String key, Instant cutoff) {
        database.autoCommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotency_keys"
                    + " WHERE scope = ? AND idem_key = ? AND created_at < ?")) {
                delete.setString(1, scope);
                delete.setString(2, key);
                delete.setTimestamp(3, Timestamp.from(cutoff));
                return delete.executeUpdate();
            }
        });
    }

    /** Deletes every key created before {@code cutoff}; returns how many. */
    int purge(Instant cutoff) {
        return database.autoCommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM idempotency_keys WHERE created_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                return delete.executeUpdate();
            }
        });
    }
}
