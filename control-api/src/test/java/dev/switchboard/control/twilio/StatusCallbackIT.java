package dev.switchboard.control.twilio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Signed Twilio status callbacks against the packaged control-api (the native executable with -Dnative). */
@QuarkusIntegrationTest
class StatusCallbackIT extends StatusCallbackTest {
}
