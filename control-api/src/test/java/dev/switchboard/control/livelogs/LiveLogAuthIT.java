package dev.switchboard.control.livelogs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** /logs authentication (API key, single-use tickets) against the packaged control-api (native with -Dnative). */
@QuarkusIntegrationTest
class LiveLogAuthIT extends LiveLogAuthTest {
}
