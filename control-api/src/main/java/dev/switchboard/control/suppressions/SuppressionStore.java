package dev.switchboard.control.suppressions;

import dev.switchboard.control.storage.Database;
import dev.switchboard.control.storage.Sql;
import dev.switchboard.control.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code suppressions} table, read on every dial (no cache: any replica's change counts at once). Adding is
 * insert-if-absent, so the first addition's reason, source and time stay.
 */
@ApplicationScoped
class SuppressionStore {

    private static final String COLUMNS = "phone_number, reason, source, call_sid, created_at";
    // Portable insert-if-absent: a row already there (or added by a concurrent request) leaves an update count of 0.
    private static final String ADD = "INSERT INTO suppressions (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE phone_number = ?)";

    private final Database database;

    SuppressionStore(Database database) {
        this.database = database;
    }

    /** True when the row was added, false when the number was already suppressed. */
    boolean add(Suppression row) {
        return database.autoCommit(connection -> {
            try {
                return add(connection, row);
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {
                    return false;   // another replica added it between the check and the insert
                }
                throw e;
            }
        });
    }

    /**
     * Adds the rows in one transaction; each result says whether that row was new. On a concurrent insert of one of
     * them (a unique-key failure rolls the whole batch back) the rows are added one by one instead.
     */
    boolean[] addAll(List<Suppression> rows) {
        try {
            return database.inTransaction(connection -> {
                boolean[] added = new boolean[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    added[i] = add(connection, rows.get(i));
                }
                return added;
            });
        } catch (StorageException e) {
            if (!(e.getCause() instanceof SQLException sql) || !Database.isDuplicate(sql)) {
                throw e;
            }
            boolean[] added = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                added[i] = add(rows.get(i));
            }
            return added;
        }
    }

    boolean remove(String number) {
        return database.autoCommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM suppressions WHERE phone_number = ?")) {
                delete.setString(1, number);
                return delete.executeUpdate() > 0;
            }
        });
    }

    Optional<Suppression> find(String number) {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM suppressions WHERE phone_number = ?")) {
                select.setString(1, number);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<Suppression>empty();
                }
            }
        });
    }

    SuppressionPage page(int page, int size) {
        return database.autoCommit(connection -> {
            List<Suppression> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM suppressions ORDER BY created_at DESC, phone_number LIMIT ? OFFSET ?")) {
                select.setInt(1, size);
                select.setLong(2, (long) page * size);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(read(row));
                    }
                }
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM suppressions");
                 ResultSet row = count.executeQuery()) {
                row.next();
                return new SuppressionPage(items, page, size, row.getLong(1));
            }
        });
    }

    private static boolean add(Connection connection, Suppression row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(ADD)) {
            Sql.bind(insert, row.number(), row.reason(), row.source(), row.callSid(), row.createdAt(), row.number());
            return insert.executeUpdate() > 0;
        }
    }

    private static Suppression read(ResultSet row) throws SQLException {
        return new Suppression(row.getString("phone_number"), row.getString("reason"), row.getString("source"),
                row.getString("call_sid"), Sql.instant(row, "created_at"));
    }
}
