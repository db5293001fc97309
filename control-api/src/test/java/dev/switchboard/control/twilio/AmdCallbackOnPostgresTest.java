package dev.switchboard.control.twilio;

import dev.switchboard.control.support.OnPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@QuarkusTest
@TestProfile(OnPostgres.class)
@EnabledIfSystemProperty(named = OnPostgres.PROPERTY, matches = ".+")
class AmdCallbackOnPostgresTest extends AmdCallbackTest {
}
