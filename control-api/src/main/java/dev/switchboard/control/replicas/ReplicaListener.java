package dev.switchboard.control.replicas;

import dev.switchboard.control.ControlConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Receives the other replicas' messages: {@code LISTEN} on a connection of its own (a pooled one would be handed
 * back, and a notification only reaches the session that listens), read by one thread with
 * {@code getNotifications(timeout)}. When PostgreSQL drops the connection it listens again with a doubling backoff;
 * what was sent meanwhile is missed (live views only: the history is in the database, commands time out).
 */
@ApplicationScoped
class ReplicaListener {

    private static final int POLL_MILLIS = 500;
    /** Idle time after which the connection is checked, so a silently dead one is noticed. */
    private static final Duration PROBE_AFTER = Duration.ofSeconds(15);

    private final ReplicaBus bus;
    private final ControlConfig.Replicas config;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;

    ReplicaListener(ReplicaBus bus, ControlConfig config, MeterRegistry registry) {
        this.bus = bus;
        this.config = config.replicas();
        if (bus.active()) {
            Gauge.builder("switchboard.replicas.listening", this, listener -> listener.listening ? 1 : 0)
                    .description("1 while this replica listens to the other replicas (PostgreSQL only)")
                    .register(registry);
        }
    }

    void start(@Observes StartupEvent started) {
        if (!bus.active()) {
            return;
        }
        running = true;
        Thread.ofPlatform().daemon().name("replica-listener").start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        closeQuietly(connection);
        try {
            stopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the LISTEN connection is up (for status and tests). */
    boolean listening() {
        return listening;
    }

    private void run() {
        Duration backoff = config.reconnectMin();
        try {
            while (running) {
                try (Connection listen = connect()) {
                    connection = listen;
                    try (Statement statement = listen.createStatement()) {
                        statement.execute("LISTEN " + ReplicaBus.CHANNEL);
                    }
                    listening = true;
                    Log.infof("replica %s listening on %s", bus.replica(), ReplicaBus.CHANNEL);
                    backoff = config.reconnectMin();
                    receive(listen);
                } catch (SQLException | RuntimeException e) {
                    listening = false;
                    if (running) {
                        Log.warnf("replica channel lost (%s): listening again in %d ms", e.getMessage(),
                                backoff.toMillis());
                        sleep(backoff);
                        backoff = min(backoff.multipliedBy(2), config.reconnectMax());
                    }
                }
            }
        } finally {
            listening = false;
            stopped.countDown();
        }
    }

    private void receive(Connection listen) throws SQLException {
        PGConnection notifications = listen.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] batch = notifications.getNotifications(POLL_MILLIS);
            if (batch != null && batch.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification notification : batch) {
                    deliver(notification.getParameter());
                }
            } else if (System.nanoTime() - quietSince > PROBE_AFTER.toNanos()) {
                try (Statement probe = listen.createStatement()) {
                    probe.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    // One bad message or failing observer must not take the channel down for every later one.
    private void deliver(String payload) {
        try {
            bus.deliver(payload);
        } catch (RuntimeException e) {
            Log.warnf("a replica message could not be handled: %s", e.getMessage());
        }
    }

    // Straight from the driver, not the pool: this session lives as long as the listener and is never shared.
    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class)
                .ifPresent(user -> properties.setProperty("user", user));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "switchboard-replica-listener");
        Connection connection = new Driver().connect(ReplicaBus.jdbcUrl().orElseThrow(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        return connection;
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis() / 2 + (long) (Math.random() * (wait.toMillis() / 2 + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // shutting down anyway
        }
    }
}
