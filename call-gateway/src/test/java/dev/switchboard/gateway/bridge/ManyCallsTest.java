package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
class ManyCallsTest {

    private static final int CALLS = 30;
    private static final int FRAMES = 10;

    @InjectFakeRealtime
    FakeRealtime openai;

    @Inject
    CallBridges bridges;

    @Inject
    CallAdmission admission;

    @Test
    void manyConcurrentCallsEachHearOnlyTheirOwnAudioAndLeaveNothingBehind() {
        openai.reset();
        openai.echoAudio = true;
        List<FakeTwilioCall> calls = new ArrayList<>();
        for (int c = 0; c < CALLS; c++) {
            calls.add(FakeTwilioCall.dial("CA_many_" + c));
        }
        for (int f = 0; f < FRAMES; f++) {
            for (int c = 0; c < CALLS; c++) {
                calls.get(c).media(Audio.frame(c * 100 + f));
            }
        }
        for (int c = 0; c < CALLS; c++) {
            for (int f = 0; f < FRAMES; f++) {
                assertThat(calls.get(c).await("media").getJsonObject("media").getString("payload"))
                        .isEqualTo(Audio.frame(c * 100 + f));
            }
        }
        assertThat(bridges.activeCalls()).isEqualTo(CALLS);
        for (int c = 0; c < CALLS; c++) {
            if (c % 2 == 0) {
                calls.get(c).stop();
            } else {
                calls.get(c).close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bridges.activeCalls() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.active() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> openai.openSessions() == 0);
        calls.forEach(FakeTwilioCall::close);
    }
}
