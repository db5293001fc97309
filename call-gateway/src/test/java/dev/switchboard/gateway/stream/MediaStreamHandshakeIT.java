package dev.switchboard.gateway.stream;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Signed Media Stream handshakes and stream tokens against the packaged gateway (native with -Dnative). */
@QuarkusIntegrationTest
class MediaStreamHandshakeIT extends MediaStreamHandshakeTest {
}
