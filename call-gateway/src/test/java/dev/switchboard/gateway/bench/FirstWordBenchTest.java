package dev.switchboard.gateway.bench;

import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.InjectFakeRealtime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Run with -Dbench=true: the session opens when /twiml is answered (the default). */
@QuarkusTest
@WithTestResource(FakeRealtimeServer.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class FirstWordBenchTest {

    @InjectFakeRealtime
    FakeRealtime openai;

    @Test
    void earlySession() throws InterruptedException {
        FirstWordBench.run(openai, "early-session");
    }
}
