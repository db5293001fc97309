package dev.switchboard.control.webhooks;

import dev.switchboard.control.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.switchboard.control.storage.Sql.bind;
import static dev.switchboard.control.storage.Sql.instant;

/** The {@code webhook_subscriptions} rows: create (with a fresh secret), list, read, delete, replay. */
@ApplicationScoped
class Subscriptions {

    private static final String COLUMNS = "id, url, events, description, active, disabled_reason, created_at, secret";

    private final Database database;
    private final SecureRandom random = new SecureRandom();

    Subscriptions(Database database) {
        this.database = database;
    }

    WebhookView create(WebhookRequest request) {
        List<String> events = events(request.events());
        String url = url(request.url());
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        WebhookView created = new WebhookView("wh_" + HexFormat.of().formatHex(idBytes), url, events,
                request.description(), true, null, Instant.now(), WebhookSigner.newSecret(random));
        database.autoCommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_subscriptions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, TRUE, NULL, ?, ?)")) {
                bind(insert, created.id(), url, "," + String.join(",", events) + ",", created.description(),
                        created.createdAt(), created.secret());
                return insert.executeUpdate();
            }
        });
        return created;
    }

    List<WebhookView> list() {
        return database.autoCommit(connection -> {
            List<WebhookView> all = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM webhook_subscriptions ORDER BY created_at, id"); ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(view(row).withoutSecret());
                }
            }
            return all;
        });
    }

    /** The subscription with its secret (for signing); callers showing it drop the secret. */
    Optional<WebhookView> find(String id) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM webhook_subscriptions WHERE id = ?")) {
                bind(select, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(view(row)) : Optional.<WebhookView>empty();
                }
            }
        });
    }

    boolean delete(String id) {
        return database.inTransaction(connection -> {
            for (String table : List.of("webhook_deliveries", "webhook_attempts")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE subscription_id = ?")) {
                    bind(delete, id);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM webhook_subscriptions WHERE id = ?")) {
                bind(delete, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Queues the call's stored events (those the subscription asks for) again, in order; returns how many. */
    int replay(String id, String callSid) {
        Instant now = Instant.now();
        return database.autoCommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries"
                    + " (subscription_id, event_id, call_sid, sequence, state, attempts, next_attempt_at, created_at)"
                    + " SELECT s.id, e.event_id, e.call_sid, e.sequence, 'pending', 0, ?, ?"
                    + " FROM webhook_events e JOIN webhook_subscriptions s ON s.id = ?"
                    + " WHERE e.call_sid = ? AND (s.events LIKE '%,*,%' OR s.events LIKE '%,' || e.type || ',%')")) {
                bind(insert, now, now, id, callSid);
                return insert.executeUpdate();
            }
        });
    }

    private static WebhookView view(ResultSet row) throws SQLException {
        String events = row.getString("events");
        return new WebhookView(row.getString("id"), row.getString("url"),
                List.of(events.substring(1, events.length() - 1).split(",")), row.getString("description"),
                row.getBoolean("active"), row.getString("disabled_reason"), instant(row, "created_at"),
                row.getString("secret"));
    }

    private static List<String> events(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of(WebhookEvents.ALL);
        }
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (String event : requested) {
            if (event == null || !(WebhookEvents.ALL.equals(event) || WebhookEvents.TYPES.contains(event))) {
                throw new WebhookErrors.InvalidWebhookException("events", "must be \"*\" or among "
                        + Arrays.toString(WebhookEvents.TYPES.toArray()));
            }
            events.add(event);
        }
        return events.contains(WebhookEvents.ALL) ? List.of(WebhookEvents.ALL) : List.copyOf(events);
    }

    // Only absolute http(s) URLs with a host: no file:, ftp:, javascript: or relative targets.
    private static String url(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new WebhookErrors.InvalidWebhookException("url", "must be an absolute http or https URL");
    }
}
