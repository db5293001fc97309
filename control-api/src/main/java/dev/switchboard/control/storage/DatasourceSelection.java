package dev.switchboard.control.storage;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the store at startup from {@code QUARKUS_DATASOURCE_JDBC_URL} alone. A datasource's db-kind is fixed
 * at build time, so both are built: the default datasource (PostgreSQL) and {@value Database#EMBEDDED} (H2).
 * No URL: the H2 file under ./data. A {@code jdbc:h2:} URL: that H2 database. Any other URL: PostgreSQL.
 * Exactly one of the two is left active; explicit {@code quarkus.datasource[."embedded"].active} settings win.
 */
public class DatasourceSelection implements ConfigSourceFactory {

    // Above application.properties (250) so an H2 URL given for the default datasource reaches the embedded
    // one, below environment variables (300) so an operator can still set anything explicitly.
    static final int ORDINAL = 275;

    private static final String URL = "quarkus.datasource.jdbc.url";
    private static final String EMBEDDED = "quarkus.datasource.\"" + Database.EMBEDDED + "\".";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(select(value(context, URL), value(context, "quarkus.datasource.username"),
                value(context, "quarkus.datasource.password")), "switchboard-datasource-selection", ORDINAL));
    }

    static Map<String, String> select(String url, String username, String password) {
        Map<String, String> selected = new HashMap<>();
        boolean postgres = url != null && !url.startsWith("jdbc:h2:");
        selected.put("quarkus.datasource.active", Boolean.toString(postgres));
        selected.put(EMBEDDED + "active", Boolean.toString(!postgres));
        if (url != null && !postgres) {
            selected.put(EMBEDDED + "jdbc.url", url);
            if (username != null) {
                selected.put(EMBEDDED + "username", username);
            }
            if (password != null) {
                selected.put(EMBEDDED + "password", password);
            }
        }
        return selected;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
