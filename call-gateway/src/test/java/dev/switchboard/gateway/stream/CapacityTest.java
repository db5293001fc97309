package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@TestProfile(CapacityTest.TwoCalls.class)
@WithTestResource(FakeRealtimeServer.class)
class CapacityTest {

    public static class TwoCalls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.max-calls", "2");
        }
    }

    @InjectFakeRealtime
    FakeRealtime openai;

    @Test
    void overTheCapTwimlApologisesAndHangsUpAndTheStreamUpgradeIsRefused() {
        openai.reset();
        try (FakeTwilioCall first = FakeTwilioCall.dial("CA_cap_1");
             FakeTwilioCall second = FakeTwilioCall.dial("CA_cap_2")) {
            Map<String, String> form = Map.of("CallSid", "CA_cap_3");
            given().formParams(form)
                    .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", form))
                    .post("/twiml").then().statusCode(200)
                    .body(containsString("<Say>Sorry, all of our lines are busy"))
                    .body(containsString("<Hangup/>"))
                    .body(not(containsString("<Connect>")));
            assertThatThrownBy(() -> FakeTwilioCall.open("CA_cap_3", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                    Map.of()))).isInstanceOfSatisfying(FakeTwilioCall.Refused.class,
                    refused -> assertThat(refused.status).isEqualTo(503));
            first.stop();
            await().atMost(Duration.ofSeconds(2)).until(first::isClosed);
        }
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            try (FakeTwilioCall again = FakeTwilioCall.dial("CA_cap_4")) {
                assertThat(again.isClosed()).isFalse();
            }
        });
    }

    @Test
    void aFloodOfTwimlRequestsOpensNoMoreRealtimeSessionsThanTheCap() throws InterruptedException {
        openai.reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> openai.openSessions() == 0);
        int before = openai.acceptedSessions();
        for (int i = 0; i < 6; i++) {
            FakeTwilioCall.streamToken("CA_flood_" + i);
        }
        openai.nextSession();
        openai.nextSession();
        assertThat(openai.noSessionWithin(500)).isTrue();
        assertThat(openai.acceptedSessions()).isEqualTo(before + 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> openai.openSessions() == 0);
    }
}
