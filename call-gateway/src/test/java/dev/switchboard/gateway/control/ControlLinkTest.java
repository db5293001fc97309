package dev.switchboard.gateway.control;

import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.support.FakeControl;
import dev.switchboard.gateway.support.FakeControlApi;
import dev.switchboard.gateway.support.InjectFakeControl;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeControlApi.class)
class ControlLinkTest {

    @InjectFakeControl
    FakeControl controlApi;

    @Inject
    CallEvents events;

    @Inject
    LinkOutbox outbox;

    @Inject
    ControlConnector connector;

    @Inject
    AgentConfigs configs;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void linked() {
        controlApi.refusing = false;
        controlApi.acking = true;
        controlApi.answeringHello = true;
        await().until(() -> connector.isLinked() && controlApi.isLinked() && outbox.queued() == 0);
    }

    @Test
    void linksWithTheInternalTokenAndSaysHello() throws Exception {
        assertThat(controlApi.handshakeTokens).isNotEmpty().allMatch(("Bearer " + FakeControl.TOKEN)::equals);
        controlApi.dropLink();
        JsonObject hello = controlApi.nextOfType("gateway.hello");
        assertThat(hello.getJsonObject("data").getString("instanceId")).isEqualTo(connector.instanceId());
        assertThat(hello.getJsonObject("data").getInteger("capacity")).isPositive();
        assertThat(hello.getJsonObject("data").getString("agentMode")).isEqualTo("local");
        assertThat(hello.getJsonObject("data").getBoolean("openaiKeyPresent")).isFalse();
        assertThat(hello.getString("at")).isNotBlank();
    }

    @Test
    void deliversEventsInOrder() throws Exception {
        String call = sid();
        for (int i = 0; i < 200; i++) {
            events.publish(LinkType.TRANSCRIPT_AGENT, call,
                    Map.of("text", "word " + i, "final", true, "itemId", "i" + i));
            if (i % 20 == 19) {
                await().until(() -> outbox.queued() == 0);   // bursts within the queue size: nothing may be dropped
            }
        }
        for (int i = 0; i < 200; i++) {
            JsonObject event = nextFor(call);
            assertThat(event.getJsonObject("data").getString("text")).isEqualTo("word " + i);
        }
    }

    @Test
    void queuesWhileDownAndDeliversInOrderAfterReconnect() throws Exception {
        String call = sid();
        goDown();
        for (int i = 0; i < 10; i++) {
            events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", i));
        }
        assertThat(outbox.queued()).isEqualTo(10);
        controlApi.received.clear();
        controlApi.refusing = false;
        assertThat(controlApi.next().getString("type")).isEqualTo("gateway.hello");
        for (int i = 0; i < 10; i++) {
            assertThat(nextFor(call).getJsonObject("data").getInteger("turnLatencyMs")).isEqualTo(i);
        }
    }

    @Test
    void sendsAgainInOrderWhatTheDroppedLinkNeverAcknowledged() throws Exception {
        String call = sid();
        double resentBefore = registry.get("switchboard.link.events.resent").counter().count();
        controlApi.acking = false;
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", i));
            written.add(nextFor(call).getLong("seq"));
        }
        assertThat(outbox.queued()).isEqualTo(5);
        goDown();
        events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", 5));
        controlApi.acking = true;
        controlApi.received.clear();
        controlApi.refusing = false;
        assertThat(controlApi.next().getString("type")).isEqualTo("gateway.hello");
        for (int i = 0; i < 6; i++) {
            JsonObject event = nextFor(call);
            assertThat(event.getJsonObject("data").getInteger("turnLatencyMs")).isEqualTo(i);
            if (i < 5) {
                assertThat(event.getLong("seq")).isEqualTo(written.get(i));
            }
        }
        await().until(() -> outbox.queued() == 0);
        assertThat(registry.get("switchboard.link.events.resent").counter().count() - resentBefore).isEqualTo(5);
    }

    @Test
    void resumesAfterWhatControlApiSaysItAlreadyStored() throws Exception {
        String call = sid();
        controlApi.acking = false;
        long last = 0;
        for (int i = 0; i < 3; i++) {
            events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", i));
            last = nextFor(call).getLong("seq");
        }
        controlApi.lastAcked = last;   // stored, but the acks were lost with the link
        controlApi.acking = true;
        controlApi.dropLink();
        await().until(() -> outbox.queued() == 0);
        events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", 99));
        assertThat(nextFor(call).getJsonObject("data").getInteger("turnLatencyMs")).isEqualTo(99);
    }

    @Test
    void withAControlApiThatNeverAcknowledgesDeliversOnceWrittenAfterTheAckTimeout() throws Exception {
        controlApi.acking = false;
        controlApi.answeringHello = false;
        controlApi.dropLink();
        await().until(() -> connector.isLinked() && controlApi.isLinked());
        String call = sid();
        for (int i = 0; i < 3; i++) {
            events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", i));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(nextFor(call).getJsonObject("data").getInteger("turnLatencyMs")).isEqualTo(i);
        }
        await().until(() -> outbox.queued() == 0);
        controlApi.acking = true;
        controlApi.answeringHello = true;
        controlApi.received.clear();
        controlApi.dropLink();
        controlApi.nextOfType("gateway.hello");
    }

    @Test
    void overflowDropsTheOldestTranscriptDeltasFirstAndCountsThem() throws Exception {
        String call = sid();
        double deltasBefore = dropped("transcript-delta");
        double othersBefore = dropped("other");
        goDown();
        for (int i = 0; i < 15; i++) {
            events.publish(LinkType.TRANSCRIPT_CALLER, call,
                    Map.of("text", "delta " + i, "final", false, "itemId", "d" + i));
            events.publish(LinkType.TRANSCRIPT_CALLER, call,
                    Map.of("text", "final " + i, "final", true, "itemId", "f" + i));
        }
        assertThat(outbox.queued()).isEqualTo(20);
        assertThat(dropped("transcript-delta") - deltasBefore).isEqualTo(10);
        assertThat(dropped("other") - othersBefore).isZero();

        controlApi.refusing = false;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(nextFor(call).getJsonObject("data").getString("text"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            if (i >= 10) {
                expected.add("delta " + i);
            }
            expected.add("final " + i);
        }
        assertThat(texts).containsExactlyElementsOf(expected);
    }

    @Test
    void overflowWithoutDeltasDropsTheOldestEvents() throws Exception {
        String call = sid();
        double othersBefore = dropped("other");
        goDown();
        for (int i = 0; i < 25; i++) {
            events.publish(LinkType.CALL_METRICS, call, Map.of("turnLatencyMs", i));
        }
        assertThat(dropped("other") - othersBefore).isEqualTo(5);
        controlApi.refusing = false;
        for (int i = 5; i < 25; i++) {
            assertThat(nextFor(call).getJsonObject("data").getInteger("turnLatencyMs")).isEqualTo(i);
        }
    }

    @Test
    void appliesConfigSnapshotsAndUpdatesButNeverAnOlderVersion() {
        long base = System.nanoTime();
        controlApi.send(config("config.snapshot", base + 2, "second"));
        await().until(() -> configs.current() != null && configs.current().version() == base + 2);
        controlApi.send(config("config.updated", base + 1, "stale"));
        controlApi.send(config("config.updated", base + 3, "third"));
        await().until(() -> configs.current().version() == base + 3);
        assertThat(configs.current().instructions()).isEqualTo("third");
    }

    @Test
    void keepsTheLinkAfterUnknownOrUnreadableFrames() throws Exception {
        controlApi.send(new JsonObject().put("type", "call.hangup").put("callSid", sid()).put("data", new JsonObject()));
        controlApi.send(new JsonObject().put("type", "something.new"));
        controlApi.send(new JsonObject().put("type", new JsonObject()));
        String call = sid();
        events.publish(LinkType.CALL_STARTED, call, Map.of("direction", "inbound"));
        assertThat(nextFor(call).getString("type")).isEqualTo("call.started");
        assertThat(connector.isLinked()).isTrue();
    }

    private void goDown() {
        controlApi.refusing = true;
        controlApi.dropLink();
        await().until(() -> !connector.isLinked());
    }

    private JsonObject config(String type, long version, String instructions) {
        return new JsonObject().put("type", type).put("at", "2026-01-01T00:00:00Z").put("data", new JsonObject()
                .put("config", new JsonObject().put("version", version).put("instructions", instructions)
                        .put("voice", "alloy")));
    }

    private JsonObject nextFor(String call) throws InterruptedException {
        while (true) {
            JsonObject frame = controlApi.next();
            if (call.equals(frame.getString("callSid"))) {
                return frame;
            }
        }
    }

    private double dropped(String kind) {
        return registry.get("switchboard.link.events.dropped").tag("kind", kind).counter().count();
    }

    private String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
