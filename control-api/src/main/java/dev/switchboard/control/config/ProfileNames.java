package dev.switchboard.control.config;

import dev.switchboard.control.errors.InvalidInputException;

import java.util.regex.Pattern;

/** Profile names: a lower-case slug, safe in a URL path, a log line and a database key. */
public final class ProfileNames {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ProfileNames() {
    }

    public static boolean valid(String name) {
        return name != null && SLUG.matcher(name).matches();
    }

    /** Throws 400 naming {@code name} unless it is a slug. */
    static String check(String name) {
        if (!valid(name)) {
            throw new InvalidInputException("name", "must be 1-63 lower-case letters, digits or -, starting with a"
                    + " letter or digit");
        }
        return name;
    }
}
