package dev.switchboard.control.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.AgentConfig;
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
import static dev.switchboard.control.storage.Sql.instant;

/**
 * Profile versions in {@code profile_versions} (each change a new row; a row without a body: deleted at that version)
 * and the current numbers in {@code profile_numbers}, whose primary key keeps each number in one profile.
 */
@ApplicationScoped
class ProfileStore {

    /** One stored version; {@code config} is null when the profile was deleted at it. */
    record Row(String name, long version, AgentConfig config, Instant createdAt) {

        boolean deleted() {
            return config == null;
        }
    }

    private static final String LATEST = "SELECT p.name, p.version, p.body, p.created_at FROM profile_versions p"
            + " JOIN (SELECT name, MAX(version) AS top FROM profile_versions GROUP BY name) m"
            + " ON p.name = m.name AND p.version = m.top";

    private final Database database;
    private final ObjectMapper json;

    ProfileStore(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    Optional<Row> latest(String name) {
        return database.autoCommit(connection -> latest(connection, name));
    }

    /** The latest version of every profile that is not deleted, by name. */
    List<Row> current() {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LATEST
                    + " WHERE p.body IS NOT NULL ORDER BY p.name")) {
                return rows(select);
            }
        });
    }

    /** Every version of {@code name}, newest first. */
    List<Row> versions(String name) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, version, body, created_at"
                    + " FROM profile_versions WHERE name = ? ORDER BY version DESC")) {
                bind(select, name);
                return rows(select);
            }
        });
    }

    Optional<Row> version(String name, long version) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, version, body, created_at"
                    + " FROM profile_versions WHERE name = ? AND version = ?")) {
                bind(select, name, version);
                return rows(select).stream().findFirst();
            }
        });
    }

    /** The profile holding {@code number} now, if any. */
    Optional<String> holder(String number) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name FROM profile_numbers WHERE phone_number = ?")) {
                bind(select, number);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Stores version {@code version} of {@code name} ({@code config} null: deleted) with its numbers, in one
     * transaction. False when that version exists already (another writer got there first: the primary key is the
     * concurrency check); {@link ProfileException} {@code number_in_use} when another profile holds one of the numbers.
     */
    boolean insert(String name, long version, AgentConfig config) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO profile_versions (name, version, body, created_at) VALUES (?, ?, ?, ?)")) {
                bind(insert, name, version, config == null ? null : write(config), Instant.now());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {
                    connection.rollback();
                    return false;
                }
                throw e;
            }
            replaceNumbers(connection, name, config == null ? List.of() : config.numbers());
            return true;
        });
    }

    private void replaceNumbers(Connection connection, String name, List<String> numbers) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM profile_numbers WHERE name = ?")) {
            bind(delete, name);
            delete.executeUpdate();
        }
        for (String number : numbers == null ? List.<String>of() : numbers) {
            Optional<String> other = holderIn(connection, number);
            if (other.isPresent()) {
                throw ProfileException.numberInUse(number, other.get());
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO profile_numbers (phone_number, name) VALUES (?, ?)")) {
                bind(insert, number, name);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {   // claimed by a concurrent write since the check
                    throw ProfileException.numberInUse(number, "another profile");
                }
                throw e;
            }
        }
    }

    private static Optional<String> holderIn(Connection connection, String number) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name FROM profile_numbers WHERE phone_number = ?")) {
            bind(select, number);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private Optional<Row> latest(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name, version, body, created_at"
                + " FROM profile_versions WHERE name = ? ORDER BY version DESC LIMIT 1")) {
            bind(select, name);
            return rows(select).stream().findFirst();
        }
    }

    private List<Row> rows(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String name = row.getString("name");
                long version = row.getLong("version");
                String body = row.getString("body");
                rows.add(new Row(name, version, body == null ? null : read(name, version, body),
                        instant(row, "created_at")));
            }
        }
        return rows;
    }

    private AgentConfig read(String name, long version, String body) {
        try {
            AgentConfig stored = json.readValue(body, AgentConfig.class);
            return stored.asProfile(name, version, stored.numbers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile " + name + " version " + version + " is unreadable", e);
        }
    }

    private String write(AgentConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config cannot be serialised", e);
        }
    }
}
