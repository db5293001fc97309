package dev.switchboard.control.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The gateway link and its relay to /logs against the packaged control-api (the native executable with -Dnative). */
@QuarkusIntegrationTest
class GatewayLinkIT extends GatewayLinkTest {
}
