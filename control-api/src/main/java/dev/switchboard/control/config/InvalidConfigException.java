package dev.switchboard.control.config;

/** A proposed config breaks a rule; {@code field} names the offending field (e.g. {@code tools[0].timeoutMs}). */
public class InvalidConfigException extends RuntimeException {

    private final String field;

    public InvalidConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
