package dev.switchboard.control.livelogs;

import dev.switchboard.control.gateway.TestSocket;
import dev.switchboard.control.security.LogTickets;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@TestProfile(LiveLogAuthTest.WithApiKey.class)
class LiveLogAuthTest {

    static final Vertx VERTX = Vertx.vertx();

    public static class WithApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("control.security.api-key", "test-api-key");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    LogTickets tickets;

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @Test
    void refusesAClientWithoutTheKey() {
        assertRefused("/logs", Map.of());
    }

    @Test
    void refusesAWrongKey() {
        assertRefused("/logs", Map.of("Authorization", "Bearer not-the-key"));
    }

    @Test
    void refusesTheInternalTokenInPlaceOfTheApiKey() {
        assertRefused("/logs", Map.of("Authorization", "Bearer test-internal-token"));
    }

    @Test
    void acceptsTheKeyAsABearerHeader() {
        try (TestSocket client = TestSocket.open(VERTX, base, "/logs", Map.of("Authorization", "Bearer test-api-key"))) {
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void acceptsATicketOnlyOnce() {
        String ticket = tickets.issue();
        try (TestSocket client = TestSocket.open(VERTX, base, "/logs?ticket=" + ticket, Map.of())) {
            assertThat(client.isClosed()).isFalse();
        }
        assertRefused("/logs?ticket=" + ticket, Map.of());
    }

    @Test
    void refusesAnUnknownTicket() {
        assertRefused("/logs?ticket=made-up", Map.of());
    }

    private void assertRefused(String path, Map<String, String> headers) {
        assertThatThrownBy(() -> TestSocket.open(VERTX, base, path, headers))
                .hasCauseInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(401));
    }
}
