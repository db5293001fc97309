package dev.switchboard.control.storage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasourceSelectionTest {

    private static final String EMBEDDED = "quarkus.datasource.\"embedded\".";

    @Test
    void noUrlSelectsTheEmbeddedH2File() {
        Map<String, String> selected = DatasourceSelection.select(null, null, null);

        assertThat(selected).containsEntry("quarkus.datasource.active", "false")
                .containsEntry(EMBEDDED + "active", "true")
                .doesNotContainKey(EMBEDDED + "jdbc.url");
    }

    @Test
    void postgresUrlSelectsTheDefaultDatasource() {
        Map<String, String> selected = DatasourceSelection.select("jdbc:postgresql://db/switchboard", "app", "secret");

        assertThat(selected).containsEntry("quarkus.datasource.active", "true")
                .containsEntry(EMBEDDED + "active", "false")
                .doesNotContainKey(EMBEDDED + "password");
    }

    @Test
    void h2UrlIsHandedToTheEmbeddedDatasource() {
        Map<String, String> selected = DatasourceSelection.select("jdbc:h2:file:/var/lib/sb/db", "sa", "pw");

        assertThat(selected).containsEntry("quarkus.datasource.active", "false")
                .containsEntry(EMBEDDED + "active", "true")
                .containsEntry(EMBEDDED + "jdbc.url", "jdbc:h2:file:/var/lib/sb/db")
                .containsEntry(EMBEDDED + "username", "sa")
                .containsEntry(EMBEDDED + "password", "pw");
    }
}
