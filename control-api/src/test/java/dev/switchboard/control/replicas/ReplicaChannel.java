package dev.switchboard.control.replicas;

import dev.switchboard.control.support.OnPostgres;
import io.vertx.core.json.JsonObject;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** The test as another replica: its own PostgreSQL session listening on and notifying the replicas' channel. */
final class ReplicaChannel implements AutoCloseable {

    static final String ME = "test-replica";

    private final Connection connection;

    ReplicaChannel() throws SQLException {
        connection = DriverManager.getConnection(System.getProperty(OnPostgres.PROPERTY),
                System.getProperty(OnPostgres.PROPERTY + ".user", "postgres"),
                System.getProperty(OnPostgres.PROPERTY + ".password", ""));
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + ReplicaBus.CHANNEL);
        }
    }

    void notify(JsonObject message) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, ReplicaBus.CHANNEL);
            notify.setString(2, message.put("from", ME).encode());
            notify.execute();
        }
    }

    /** Sends a message the way a replica sends one too large for a notification: as a row, named by its id. */
    void notifyByRow(JsonObject message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO replica_messages (body, created_at)"
                + " VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, message.put("from", ME).encode());
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                notify(new JsonObject().put("kind", "ref").put("ref", keys.getLong(1)));
            }
        }
    }

    /** Ends control-api's LISTEN session from the server side, as a PostgreSQL restart or failover would. */
    int dropListeners() throws SQLException {
        try (Statement terminate = connection.createStatement();
             ResultSet ended = terminate.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = 'switchboard-replica-listener' AND datname = current_database()")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    /** The next message from control-api that matches, rows resolved, within 10 s. */
    JsonObject next(Predicate<JsonObject> wanted) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(200);
            for (PGNotification notification : batch == null ? new PGNotification[0] : batch) {
                JsonObject message = resolve(new JsonObject(notification.getParameter()));
                if (!ME.equals(message.getString("from")) && wanted.test(message)) {
                    return message;
                }
            }
        }
        return fail("no matching replica message within 10 s");
    }

    private JsonObject resolve(JsonObject message) throws SQLException {
        if (!"ref".equals(message.getString("kind"))) {
            return message.put("inline", true);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT body FROM replica_messages WHERE id = ?")) {
            select.setLong(1, message.getLong("ref"));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new JsonObject(row.getString(1)).put("inline", false);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
