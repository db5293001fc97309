package dev.switchboard.control.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Config versions in the {@code agent_config} table; each accepted change is a new row. */
@ApplicationScoped
class ConfigStore {

    private final Database database;
    private final ObjectMapper json;

    ConfigStore(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    Optional<AgentConfig> latest() {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version, body FROM agent_config ORDER BY version DESC LIMIT 1");
                 ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        });
    }

    /**
     * Stores {@code config} as version {@code version}; false when that version already exists, i.e. another
     * writer got there first (the primary key makes this the concurrency check).
     */
    boolean insert(long version, AgentConfig config) {
        return database.autoCommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agent_config (version, body, created_at) VALUES (?, ?, ?)")) {
                insert.setLong(1, version);
                insert.setString(2, write(config));
                insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
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

    private AgentConfig read(long version, String body) {
        try {
            AgentConfig stored = json.readValue(body, AgentConfig.class);
            return ConfigService.withVersion(stored, version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config version " + version + " is unreadable", e);
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
