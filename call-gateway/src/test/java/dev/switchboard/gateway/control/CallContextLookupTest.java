package dev.switchboard.gateway.control;

import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.session.CallContextLookup;
import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.InjectFakeControl;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeControlApi.class)
class CallContextLookupTest {

    @InjectFakeControl
    FakeControl controlApi;

    @Inject
    CallContextLookup lookup;

    @AfterEach
    void reset() {
        controlApi.contextDelayMs = 0;
        controlApi.contexts.clear();
        controlApi.contextRequests.clear();
    }

    @Test
    void fetchesTheCallsOwnContext() {
        controlApi.contexts.put("CA100", new JsonObject().put("instructions", "Confirm the 3 pm appointment.")
                .put("variables", new JsonObject().put("name", "Ada").put("attempt", 2)));
        Optional<CallContext> context = lookup.lookup("CA100").await().atMost(Duration.ofSeconds(5));
        assertThat(context).isPresent();
        assertThat(context.get().instructions()).isEqualTo("Confirm the 3 pm appointment.");
        assertThat(context.get().variableTexts()).containsEntry("name", "Ada").containsEntry("attempt", "2");
    }

    @Test
    void fallsBackToEmptyForAnUnknownCall() {
        assertThat(lookup.lookup("CA404").await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aTwimlAnswerFetchesTheContextSoTheStreamStartFindsItReady() {
        controlApi.contexts.put("CA300", new JsonObject().put("instructions", "Fetched when the TwiML was answered."));
        Map<String, String> form = Map.of("CallSid", "CA300", "AccountSid", "AC" + "0".repeat(32),
                "From", "+15005550006", "To", "+15005550001", "Direction", "outbound-api");
        given().formParams(form)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", form))
                .post("/twiml").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> requests("CA300") == 1);

        // What control-api says now is not asked again: the call start uses the answer fetched with the TwiML.
        controlApi.contexts.put("CA300", new JsonObject().put("instructions", "Asked again."));
        assertThat(lookup.lookup("CA300").await().atMost(Duration.ofSeconds(5)))
                .map(CallContext::instructions).contains("Fetched when the TwiML was answered.");
        assertThat(requests("CA300")).isEqualTo(1);
        // Used once: a later lookup of the same call asks control-api.
        assertThat(lookup.lookup("CA300").await().atMost(Duration.ofSeconds(5)))
                .map(CallContext::instructions).contains("Asked again.");
        assertThat(requests("CA300")).isEqualTo(2);
    }

    @Test
    void aRefusedTwimlRequestFetchesNothing() {
        Map<String, String> form = Map.of("CallSid", "CA301", "AccountSid", "AC" + "0".repeat(32));
        given().formParams(form)
                .header("X-Twilio-Signature", TwilioSigner.sign("wrong-token", TwilioSigner.PUBLIC_BASE + "/twiml", form))
                .post("/twiml").then().statusCode(403);
        assertThat(requests("CA301")).isZero();
    }

    private int requests(String callSid) {
        var count = controlApi.contextRequests.get(callSid);
        return count == null ? 0 : count.get();
    }

    @Test
    void fallsBackToEmptyWhenControlApiIsSlow() {
        controlApi.contexts.put("CA200", new JsonObject().put("instructions", "too late"));
        controlApi.contextDelayMs = 3000;
        long start = System.nanoTime();
        assertThat(lookup.lookup("CA200").await().atMost(Duration.ofSeconds(5))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }
}
