package dev.switchboard.control.config;

/** A write named a config version that is no longer current (If-Match mismatch); mapped to 412. */
public class StaleConfigException extends RuntimeException {

    private final long currentVersion;

    public StaleConfigException(long currentVersion) {
        super("config has changed; current version is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
