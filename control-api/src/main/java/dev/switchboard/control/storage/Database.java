package dev.switchboard.control.storage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one active store (see {@link DatasourceSelection}). Every write commits before its method returns,
 * so anything an endpoint has acknowledged survives a crash of the process.
 */
@ApplicationScoped
public class Database {

    /** Name of the embedded H2 datasource; the unnamed default one is PostgreSQL. */
    public static final String EMBEDDED = "embedded";

    private final AgroalDataSource dataSource;

    Database(@Any InjectableInstance<AgroalDataSource> dataSources) {
        this.dataSource = dataSources.getActive();
        Log.infof("storage: %s", kind());
    }

    /** A pooled connection in auto-commit mode; callers close it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** "h2" or "postgresql", for logs and health. */
    public String kind() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        } catch (SQLException e) {
            return "unavailable";
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Runs work on an auto-commit connection (each statement commits on its own). */
    public <T> T autoCommit(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** SQL work that may throw. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** True when the exception is a unique-key violation (SQLState 23505 on both H2 and PostgreSQL). */
    public static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
