package dev.switchboard.control.storage;

import java.sql.SQLException;

/** The store failed; mapped to 503 without any SQL detail. */
public class StorageException extends RuntimeException {

    public StorageException(SQLException cause) {
        super("storage failure (SQLState " + cause.getSQLState() + ")", cause);
    }
}
