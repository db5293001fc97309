package dev.switchboard.gateway.bench;

import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Map;

/** Run with -Dbench=true: early sessions off, so the session opens when the stream starts (the old behaviour). */
@QuarkusTest
@TestProfile(FirstWordBenchBeforeTest.NoEarlySession.class)
@WithTestResource(FakeRealtimeServer.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class FirstWordBenchBeforeTest {

    public static class NoEarlySession implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.openai.early-session-hold", "0s");
        }
    }

    @InjectFakeRealtime
    FakeRealtime openai;

    @Test
    void sessionOpensOnStart() throws InterruptedException {
        FirstWordBench.run(openai, "on-start");
    }
}
