package dev.switchboard.control.livelogs;

import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class LiveLogAuthTest extends SocketTest {

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
    void acceptsATicketFromThePostEndpointOnlyOnce() {
        String ticket = given().auth().oauth2("test-api-key").post("/api/logs/tickets")
                .then().statusCode(anyOf(is(200), is(201))).extract().jsonPath().getString("ticket");
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
