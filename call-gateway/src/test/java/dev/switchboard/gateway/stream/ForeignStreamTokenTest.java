package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import dev.switchboard.gateway.support.TwilioSigner;
import dev.switchboard.gateway.twilio.StreamTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stream whose token another instance signed (no shared SWITCHBOARD_STREAM_SECRET) is refused loudly. */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class ForeignStreamTokenTest {

    private final StreamTokens otherInstance = new StreamTokens(
            "another-instance-key".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), Clock.systemUTC());
    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    MeterRegistry registry;

    @InjectFakeRealtime
    FakeRealtime openai;

    @BeforeEach
    void captureErrors() {
        openai.reset();
        Logger.getLogger(CallStarts.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(CallStarts.class.getName()).removeHandler(capture);
    }

    @Test
    void aTokenFromAnotherInstanceIsRefusedCountedAndReportedOncePerPeriodNamingTheSecret() {
        double before = foreign();
        refused("CA_foreign_1", otherInstance.issue("CA_foreign_1"));
        refused("CA_foreign_2", otherInstance.issue("CA_foreign_2"));
        assertThat(foreign()).isEqualTo(before + 2);
        assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage())
                .contains("SWITCHBOARD_STREAM_SECRET"));
    }

    @Test
    void aForgedTokenForACallAnsweredHereIsNotCountedAsForeign() {
        FakeTwilioCall.streamToken("CA_foreign_3");
        openai.nextSession().await("session.update");
        double before = foreign();
        refused("CA_foreign_3", otherInstance.issue("CA_foreign_3"));
        refused("CA_foreign_4", "not-a-token");
        assertThat(foreign()).isEqualTo(before);
    }

    private void refused(String callSid, String token) {
        try (FakeTwilioCall twilio = FakeTwilioCall.open(callSid, TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(token);
            await().atMost(Duration.ofSeconds(2)).until(twilio::isClosed);
            assertThat(twilio.closeCode()).isEqualTo(1008);
        }
    }

    private double foreign() {
        return registry.counter("switchboard.stream.tokens.foreign").count();
    }
}
