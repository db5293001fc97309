package dev.switchboard.control.webhooks;

import dev.switchboard.control.support.OnPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@QuarkusTest
@TestProfile(OnPostgres.class)
@EnabledIfSystemProperty(named = OnPostgres.PROPERTY, matches = ".+")
class AmdOutcomeOnPostgresTest extends AmdOutcomeTest {
}
