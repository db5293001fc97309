package dev.switchboard.control.replicas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.control.storage.Database;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replicas' shared channel: PostgreSQL {@code NOTIFY} on {@value #CHANNEL} to send, a {@link ReplicaListener}
 * on its own connection to receive. Active only when the store is PostgreSQL; on H2 there is one replica and
 * {@link #send} does nothing. A message is stamped with this replica's id, and the replica ignores its own. A
 * notification's payload must stay under 8000 bytes, so a larger message (a long transcript, a big tool result) is
 * written to {@code replica_messages} and the notification carries only its row id: nothing is cut or lost for size.
 * Received messages are fired as CDI events, on the listener's thread, in the order PostgreSQL delivered them.
 */
@ApplicationScoped
public class ReplicaBus {

    static final String CHANNEL = "switchboard_events";
    /** Largest payload sent inline; PostgreSQL's limit is 8000 bytes, the rest of the room is headroom. */
    static final int MAX_INLINE = 7000;
    private static final Duration KEEP_ROWS = Duration.ofMinutes(5);

    private final String replica = UUID.randomUUID().toString();
    private final Database database;
    private final ObjectMapper json;
    private final Event<ReplicaMessage> received;
    private final boolean active;
    private final AtomicLong lastCleanup = new AtomicLong();

    ReplicaBus(Database database, ObjectMapper json, Event<ReplicaMessage> received) {
        this.database = database;
        this.json = json;
        this.received = received;
        // DatasourceSelection activates the default (PostgreSQL) datasource exactly when a non-H2 URL is given.
        this.active = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.active", Boolean.class)
                .orElse(false) && jdbcUrl().isPresent();
    }

    /** True when the store is PostgreSQL, so other replicas may share it. */
    public boolean active() {
        return active;
    }

    /** This replica's id in messages. */
    public String replica() {
        return replica;
    }

    /**
     * Sends to every other replica. Blocking (JDBC): call it from a worker. Throws {@code StorageException} when
     * PostgreSQL cannot take it; callers decide whether that matters.
     */
    public void send(ReplicaMessage message) {
        if (!active) {
            return;
        }
        String body = write(message.stampedBy(replica));
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE) {
            body = write(ReplicaMessage.ref(replica, store(body)));
        }
        String payload = body;
        database.autoCommit(connection -> {
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, payload);
                notify.execute();
                return null;
            }
        });
    }

    /** Handles one notification's payload (on the listener thread). */
    void deliver(String payload) {
        ReplicaMessage message = read(payload);
        if (message == null || replica.equals(message.from())) {
            return;
        }
        if (message.kind() == ReplicaMessage.Kind.REF) {
            message = message.ref() == null ? null : read(load(message.ref()));
        }
        if (message == null || message.to() != null && !replica.equals(message.to())) {
            return;
        }
        received.fire(message);
    }

    static Optional<String> jdbcUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class);
    }

    private long store(String body) {
        Instant now = Instant.now();
        long id = database.autoCommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO replica_messages (body, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, body);
                insert.setTimestamp(2, Timestamp.from(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        cleanUp(now);
        return id;
    }

    // Every replica reads a row within moments of its notification; a few minutes is plenty, then it is garbage.
    private void cleanUp(Instant now) {
        long last = lastCleanup.get();
        if (now.toEpochMilli() - last < KEEP_ROWS.toMillis() || !lastCleanup.compareAndSet(last, now.toEpochMilli())) {
            return;
        }
        database.autoCommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM replica_messages WHERE created_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(now.minus(KEEP_ROWS)));
                return delete.executeUpdate();
            }
        });
    }

    private String load(long row) {
        try {
            return database.autoCommit(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT body FROM replica_messages WHERE id = ?")) {
                    select.setLong(1, row);
                    try (ResultSet found = select.executeQuery()) {
                        return found.next() ? found.getString(1) : null;
                    }
                }
            });
        } catch (RuntimeException e) {
            Log.warnf("could not read replica message %d: %s", row, e.getMessage());
            return null;
        }
    }

    private String write(ReplicaMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unwritable replica message " + message.kind().wire(), e);
        }
    }

    private ReplicaMessage read(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return json.readValue(payload, ReplicaMessage.class);
        } catch (JsonProcessingException e) {
            Log.warnf("dropped an unreadable replica message: %s", e.getOriginalMessage());
            return null;
        }
    }
}
