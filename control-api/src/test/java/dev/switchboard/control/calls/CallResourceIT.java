package dev.switchboard.control.calls;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Outbound calls through the real Twilio SDK path and the fake Twilio REST server, against the packaged
 * control-api (the native executable with -Dnative).
 */
@QuarkusIntegrationTest
class CallResourceIT extends CallResourceTest {
}
