package dev.switchboard.gateway.bridge;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The audio bridge tests against the packaged gateway (the native executable with -Dnative). */
@QuarkusIntegrationTest
class AudioBridgeIT extends AudioBridgeTest {
}
