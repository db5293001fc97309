package dev.switchboard.control.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Runs a test class against PostgreSQL the way production selects it: through the default datasource's URL
 * alone. Enabled when test.sh finds a server and passes -Dswitchboard.test.postgres=JDBC-URL.
 */
public class OnPostgres implements QuarkusTestProfile {

    public static final String PROPERTY = "switchboard.test.postgres";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", System.getProperty(PROPERTY, "jdbc:postgresql://127.0.0.1:5432/test"),
                "quarkus.datasource.username", System.getProperty(PROPERTY + ".user", "postgres"),
                "quarkus.datasource.password", System.getProperty(PROPERTY + ".password", ""));
    }
}
