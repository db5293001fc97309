package dev.switchboard.control.livelogs;

import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.switchboard.control.support.Api.KEY;
import static dev.switchboard.control.support.Api.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class LiveLogSocketTest extends SocketTest {

    @Inject
    LiveLogHub hub;

    @Test
    void fansOutEveryEventInOrderAndDropsOnlyTheSlowClient() throws Exception {
        String call = sid();
        String text = "x".repeat(4096);
        List<TestSocket> fast = new ArrayList<>();
        try (TestSocket gateway = link(); TestSocket slow = TestSocket.open(VERTX,
                new WebSocketClientOptions().setReceiveBufferSize(4096), base, "/logs?callSid=" + call, KEY)) {
            for (int i = 0; i < 10; i++) {
                fast.add(TestSocket.open(VERTX, base, "/logs?callSid=" + call, KEY));
            }
            slow.pause();
            await().until(() -> hub.clients() >= 11);
            long droppedBefore = hub.droppedClients();
            int sent = 0;
            while (hub.droppedClients() == droppedBefore) {
                assertThat(sent).as("slow client never dropped").isLessThan(20_000);
                for (int i = 0; i < 100; i++, sent++) {
                    gateway.send(TestSocket.event("transcript.agent", call,
                            new JsonObject().put("text", text).put("final", false).put("itemId", "item-" + sent)));
                }
                int expected = sent;
                await().atMost(Duration.ofSeconds(20)).until(() -> fast.stream().allMatch(c -> c.frames.size() >= expected));
            }
            for (TestSocket client : fast) {
                for (int i = 0; i < sent; i++) {
                    assertThat(client.next().getJsonObject("data").getString("itemId")).isEqualTo("item-" + i);
                }
                assertThat(client.isClosed()).isFalse();
            }
            slow.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.closeStatus != null);
            assertThat(slow.closeStatus).isEqualTo((short) LiveLogHub.TOO_SLOW);
            assertThat(slow.closeReason).startsWith("too slow");
            assertThat(slow.frames.size()).isLessThan(sent);
            gateway.send(TestSocket.event("call.ended", call, new JsonObject().put("reason", "test")));
        } finally {
            fast.forEach(TestSocket::close);
        }
    }

    @Test
    void filtersByCallSid() throws Exception {
        String wanted = sid();
        String other = sid();
        try (TestSocket gateway = link(); TestSocket filtered = open("/logs?callSid=" + wanted)) {
            await().until(() -> hub.clients() >= 1);
            gateway.send(TestSocket.event("call.started", other, new JsonObject()));
            gateway.send(TestSocket.event("call.started", wanted, new JsonObject()));
            gateway.send(TestSocket.event("call.ended", other, new JsonObject()));
            gateway.send(TestSocket.event("call.ended", wanted, new JsonObject()));
            JsonObject first = filtered.next();
            assertThat(first.getString("callSid")).isEqualTo(wanted);
            assertThat(first.getString("type")).isEqualTo("call.started");
            JsonObject second = filtered.next();
            assertThat(second.getString("callSid")).isEqualTo(wanted);
            assertThat(second.getString("type")).isEqualTo("call.ended");
        }
    }

    @Test
    void lateJoinerFirstGetsRecentEventsOfLiveCalls() throws Exception {
        String live = sid();
        String ended = sid();
        try (TestSocket gateway = link(); TestSocket early = open("/logs")) {
            gateway.send(TestSocket.event("call.started", ended, new JsonObject()));
            gateway.send(TestSocket.event("call.ended", ended, new JsonObject()));
            gateway.send(TestSocket.event("call.started", live, new JsonObject().put("direction", "outbound")));
            gateway.send(TestSocket.event("transcript.caller", live, new JsonObject().put("text", "hello").put("final", true)));
            assertThat(early.nextFor(live).getString("type")).isEqualTo("call.started");
            assertThat(early.nextFor(live).getString("type")).isEqualTo("transcript.caller");

            try (TestSocket late = open("/logs")) {
                JsonObject started = late.nextFor(live);
                assertThat(started.getString("type")).isEqualTo("call.started");
                assertThat(started.getJsonObject("data").getString("direction")).isEqualTo("outbound");
                assertThat(late.nextFor(live).getJsonObject("data").getString("text")).isEqualTo("hello");
                gateway.send(TestSocket.event("call.ended", live, new JsonObject()));
                assertThat(late.nextFor(live).getString("type")).isEqualTo("call.ended");
                assertThat(late.frames).noneMatch(f -> f.contains(ended));
            }
        }
    }

    @Test
    void ignoresWhatUiClientsSend() throws Exception {
        String call = sid();
        try (TestSocket gateway = link(); TestSocket intruder = open("/logs"); TestSocket watcher = open("/logs")) {
            gateway.next();
            await().until(() -> hub.clients() >= 2);
            intruder.send(TestSocket.event("call.hangup", call, new JsonObject()));
            intruder.send(TestSocket.event("transcript.agent", call, new JsonObject().put("text", "forged")));
            gateway.send(TestSocket.event("call.started", call, new JsonObject()));
            JsonObject seen = watcher.nextFor(call);
            assertThat(seen.getString("type")).isEqualTo("call.started");
            assertThat(intruder.nextFor(call).getString("type")).isEqualTo("call.started");
            gateway.send(TestSocket.event("call.ended", call, new JsonObject()));
            assertThat(watcher.nextFor(call).getString("type")).isEqualTo("call.ended");
            assertThat(gateway.frames).isEmpty();
            assertThat(intruder.isClosed()).isFalse();
        }
    }

    private TestSocket link() {
        return TestSocket.open(VERTX, base, "/internal/gateway", TOKEN);
    }

    private TestSocket open(String path) {
        return TestSocket.open(VERTX, base, path, KEY);
    }

    static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
