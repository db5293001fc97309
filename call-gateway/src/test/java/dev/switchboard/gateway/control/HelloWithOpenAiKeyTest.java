package dev.switchboard.gateway.control;

import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.InjectFakeControl;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeControlApi.class)
@TestProfile(HelloWithOpenAiKeyTest.WithOpenAiKey.class)
class HelloWithOpenAiKeyTest {

    static final String KEY = "sk-test-never-on-the-link-0123456789";

    public static class WithOpenAiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.openai.api-key", KEY, "gateway.openai.mode", "auto");
        }
    }

    @InjectFakeControl
    FakeControl controlApi;

    @Inject
    ControlConnector connector;

    @Test
    void helloSaysOpenAiAnswersAndAKeyIsSetWithoutTheKey() throws Exception {
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        controlApi.received.clear();
        controlApi.dropLink();
        JsonObject hello = controlApi.nextOfType("gateway.hello");
        while (!connector.instanceId().equals(hello.getJsonObject("data").getString("instanceId"))) {
            hello = controlApi.nextOfType("gateway.hello");
        }

        assertThat(hello.getJsonObject("data").getString("agentMode")).isEqualTo("openai");
        assertThat(hello.getJsonObject("data").getBoolean("openaiKeyPresent")).isTrue();
        assertThat(hello.encode()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 8));
    }
}
