package dev.switchboard.gateway.twiml;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The /twiml tests against the packaged gateway (the native executable with -Dnative). */
@QuarkusIntegrationTest
class TwimlResourceIT extends TwimlResourceTest {
}
