package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class MediaStreamHandshakeTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @BeforeEach
    void reset() {
        openai.reset();
    }

    @Test
    void aHandshakeSignedOverTheWssUrlOpensACall() {
        try (FakeTwilioCall twilio = FakeTwilioCall.dial("CA_hs_1")) {
            openai.nextSession().await("session.update");
            assertThat(twilio.isClosed()).isFalse();
        }
    }

    @Test
    void aHandshakeSignedOverTheUrlWithATrailingSlashIsAccepted() {
        String signature = TwilioSigner.sign(TwilioSigner.STREAM_URL + "/", Map.of());
        try (FakeTwilioCall twilio = FakeTwilioCall.open("CA_hs_2", signature)) {
            twilio.start(FakeTwilioCall.streamToken("CA_hs_2"));
            openai.nextSession().await("session.update");
        }
    }

    @Test
    void aForgedHandshakeSignatureIsRefusedWith403() {
        String forged = TwilioSigner.sign("not-the-token", TwilioSigner.STREAM_URL, Map.of());
        assertThatThrownBy(() -> FakeTwilioCall.open("CA_hs_3", forged))
                .isInstanceOfSatisfying(FakeTwilioCall.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    }

    @Test
    void aHandshakeWithoutSignatureIsRefusedWith403() {
        assertThatThrownBy(() -> FakeTwilioCall.open("CA_hs_4", null))
                .isInstanceOfSatisfying(FakeTwilioCall.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    }

    @Test
    void aStreamTokenIssuedForAnotherCallClosesWith1008AndOpensNoFurtherRealtimeSession() throws InterruptedException {
        String otherCallsToken = FakeTwilioCall.streamToken("CA_hs_other");
        openai.nextSession();
        int before = openai.acceptedSessions();
        try (FakeTwilioCall twilio = FakeTwilioCall.open("CA_hs_5", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(otherCallsToken);
            await().atMost(Duration.ofSeconds(2)).until(twilio::isClosed);
            assertThat(twilio.closeCode()).isEqualTo(1008);
            assertThat(openai.noSessionWithin(300)).isTrue();
            assertThat(openai.acceptedSessions()).isEqualTo(before);
        }
    }

    @Test
    void aStartWithoutStreamTokenClosesWith1008() throws InterruptedException {
        try (FakeTwilioCall twilio = FakeTwilioCall.open("CA_hs_6", TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(null);
            await().atMost(Duration.ofSeconds(2)).until(twilio::isClosed);
            assertThat(twilio.closeCode()).isEqualTo(1008);
            assertThat(openai.noSessionWithin(300)).isTrue();
        }
    }
}
