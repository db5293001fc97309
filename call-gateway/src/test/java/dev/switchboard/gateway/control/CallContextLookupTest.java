package dev.switchboard.gateway.control;

import dev.switchboard.gateway.session.CallContext;
import dev.switchboard.gateway.session.CallContextLookup;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.switchboard.gateway.control.FakeControlApi.FAKE;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeControlApi.class)
class CallContextLookupTest {

    @Inject
    CallContextLookup lookup;

    @AfterEach
    void reset() {
        FAKE.contextDelayMs = 0;
        FAKE.contexts.clear();
    }

    @Test
    void fetchesTheCallsOwnContext() {
        FAKE.contexts.put("CA100", new JsonObject().put("instructions", "Confirm the 3 pm appointment.")
                .put("variables", new JsonObject().put("name", "Ada")));
        Optional<CallContext> context = lookup.lookup("CA100").await().atMost(Duration.ofSeconds(5));
        assertThat(context).isPresent();
        assertThat(context.get().instructions()).isEqualTo("Confirm the 3 pm appointment.");
    }

    @Test
    void fallsBackToEmptyForAnUnknownCall() {
        assertThat(lookup.lookup("CA404").await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void fallsBackToEmptyWhenControlApiIsSlow() {
        FAKE.contexts.put("CA200", new JsonObject().put("instructions", "too late"));
        FAKE.contextDelayMs = 3000;
        long start = System.nanoTime();
        assertThat(lookup.lookup("CA200").await().atMost(Duration.ofSeconds(5))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }
}
