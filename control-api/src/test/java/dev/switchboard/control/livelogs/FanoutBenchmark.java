package dev.switchboard.control.livelogs;

import dev.switchboard.control.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live-log fan-out benchmark: one gateway link floods call events into control-api, N UI clients on /logs
 * receive them. The sender keeps at most {@code window} events ahead of the slowest client (below the client
 * buffer, so nobody is dropped), which measures what the hub sustains. Run with scripts/bench-fanout.sh.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class FanoutBenchmark extends SocketTest {

    static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    static final int CLIENTS = Integer.getInteger("bench.clients", 100);
    static final int WINDOW = Integer.getInteger("bench.window", 256);
    static final int LATENCY_EVENTS = 500;
    static final int LATENCY_RATE = Integer.getInteger("bench.latencyRate", 100);

    @Inject
    LiveLogHub hub;

    @Test
    void fanOut() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            String call = "CAbench" + System.nanoTime();
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxMessageSize(1 << 20).setMaxConnections(CLIENTS + 1));
            List<AtomicInteger> received = new ArrayList<>();
            AtomicLongArray lastLatencyNanos = new AtomicLongArray(LATENCY_EVENTS);
            for (int i = 0; i < CLIENTS; i++) {
                AtomicInteger count = new AtomicInteger();
                received.add(count);
                boolean timer = i == 0;
                connect(client, "/logs?callSid=" + call, "Bearer test-api-key").textMessageHandler(text -> {
                    int n = count.incrementAndGet();
                    if (timer && n > EVENTS && n <= EVENTS + LATENCY_EVENTS) {
                        long sent = new JsonObject(text).getJsonObject("data").getLong("sentNanos");
                        lastLatencyNanos.set(n - EVENTS - 1, System.nanoTime() - sent);
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.clients() >= CLIENTS);
            WebSocket gateway = connect(client, "/internal/gateway", "Bearer test-internal-token");
            long dropsBefore = hub.droppedClients();

            long start = System.nanoTime();
            send(gateway, call, received, 0, EVENTS, WINDOW, 0);
            awaitAll(received, EVENTS);
            double seconds = (System.nanoTime() - start) / 1e9;

            // Latency at a paced rate well below saturation, one client timing it.
            send(gateway, call, received, EVENTS, LATENCY_EVENTS, WINDOW, 1_000_000_000L / LATENCY_RATE);
            awaitAll(received, EVENTS + LATENCY_EVENTS);
            long[] latencies = new long[LATENCY_EVENTS];
            for (int i = 0; i < LATENCY_EVENTS; i++) {
                latencies[i] = lastLatencyNanos.get(i);
            }
            Arrays.sort(latencies);
            report(seconds, hub.droppedClients() - dropsBefore, latencies);
            assertThat(hub.droppedClients()).isEqualTo(dropsBefore);
            gateway.writeTextMessage(event("call.ended", call, new JsonObject()).encode());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private void send(WebSocket gateway, String call, List<AtomicInteger> received, int from, int count, int window,
                      long pacingNanos) {
        long next = System.nanoTime();
        for (int i = from; i < from + count; i++) {
            while (i - slowest(received) >= window) {
                LockSupport.parkNanos(20_000);
            }
            if (pacingNanos > 0) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(50_000);
                }
                next += pacingNanos;
            }
            JsonObject data = new JsonObject().put("text", "Sure, I can move your appointment to Friday at ten.")
                    .put("final", false).put("itemId", "item_" + i).put("sentNanos", System.nanoTime());
            gateway.writeTextMessage(event("transcript.agent", call, data).encode());
        }
    }

    private static int slowest(List<AtomicInteger> received) {
        int min = Integer.MAX_VALUE;
        for (AtomicInteger count : received) {
            min = Math.min(min, count.get());
        }
        return min;
    }

    private static void awaitAll(List<AtomicInteger> received, int total) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (slowest(received) < total) {
            assertThat(System.nanoTime()).as("all clients got every event within 120 s").isLessThan(deadline);
            LockSupport.parkNanos(100_000);
        }
    }

    private WebSocket connect(WebSocketClient client, String path, String authorization) {
        var options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(path);
        if (authorization != null) {
            options.addHeader("Authorization", authorization);
        }
        return client.connect(options).toCompletionStage().toCompletableFuture().join();
    }

    private static JsonObject event(String type, String callSid, JsonObject data) {
        return new JsonObject().put("type", type).put("callSid", callSid).put("at", Instant.now().toString())
                .put("data", data);
    }

    private static void report(double seconds, long drops, long[] latencies) throws IOException {
        String text = """
                Live-log fan-out: %d events from one gateway link to %d UI clients (window %d)
                  elapsed            %.2f s
                  events/s (link in) %.0f
                  frames/s (out)     %.0f
                  clients dropped    %d
                  latency at %d ev/s, gateway write -> UI client read (ms): p50 %.2f  p99 %.2f  max %.2f
                """.formatted(EVENTS, CLIENTS, WINDOW, seconds, EVENTS / seconds, EVENTS * (double) CLIENTS / seconds,
                drops, LATENCY_RATE, ms(latencies, 0.50), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
        System.out.println(text);
        Files.writeString(Path.of("target/bench-fanout.txt"), text);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
