package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.metrics.GatewayMetrics;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One call's speech timings: first agent audio, each turn's latency, each barge-in's reaction and each Realtime
 * connect. Each goes to its histogram tagged with the call's profile and, but for connects, to the console in a
 * {@code call.metrics} event (docs/operations.md, docs/protocol.md). Runs on the call's loop.
 */
final class CallQuality {

    /** A long call's event carries its latest timings only, so the event stays small. */
    static final int MAX_LISTED = 100;

    private final GatewayMetrics metrics;
    private final CallEventPublisher publish;
    private final Supplier<AgentConfig> config;
    private final long answeredAt;
    private final ArrayDeque<Long> turns = new ArrayDeque<>();
    private final ArrayDeque<Long> bargeIns = new ArrayDeque<>();
    private long firstAudioMs = -1;
    private long connectingSince;

    /** {@code answeredAt}: when /twiml was answered for the call, or its stream started (System.nanoTime()). */
    CallQuality(GatewayMetrics metrics, CallEventPublisher publish, Supplier<AgentConfig> config, long answeredAt) {
        this.metrics = metrics;
        this.publish = publish;
        this.config = config;
        this.answeredAt = answeredAt;
    }

    /** The one place a call's profile name comes from, for every meter's {@code profile} tag. */
    static String profile(AgentConfig config) {
        return config.profileName();
    }

    /** Agent audio went to the caller; the first one of the call is timed. */
    void agentAudioSent() {
        if (firstAudioMs >= 0) {
            return;
        }
        long nanos = System.nanoTime() - answeredAt;
        firstAudioMs = nanos / 1_000_000;
        metrics.firstAudio(profile(), nanos);
        publish.metrics(snapshot(Map.of()));
    }

    void turn(long nanos) {
        metrics.turnLatency(profile(), nanos);
        add(turns, nanos / 1_000_000);
        publish.metrics(snapshot(Map.of("turnLatencyMs", nanos / 1_000_000)));
    }

    void bargeIn(long nanos) {
        metrics.bargeInReaction(profile(), nanos);
        add(bargeIns, nanos / 1_000_000);
        publish.metrics(snapshot(Map.of("bargeInMs", nanos / 1_000_000)));
    }

    /** A Realtime socket is being opened (or an early one taken over). */
    void connecting() {
        connectingSince = System.nanoTime();
    }

    /** The session was lost and a new socket is being opened for the call. */
    void reconnecting() {
        metrics.realtimeReconnect();
    }

    /** The session is ready: the connect that led to it is timed. */
    void ready() {
        if (connectingSince != 0) {
            metrics.realtimeConnect(profile(), System.nanoTime() - connectingSince);
            connectingSince = 0;
        }
    }

    private String profile() {
        return profile(config.get());
    }

    /** This event's own timing first (as call.metrics always had), then the call's timings so far. */
    private Map<String, Object> snapshot(Map<String, Object> own) {
        Map<String, Object> data = new LinkedHashMap<>(own);
        if (firstAudioMs >= 0) {
            data.put("firstAudioMs", firstAudioMs);
        }
        data.put("turnLatenciesMs", List.copyOf(turns));
        data.put("bargeInsMs", List.copyOf(bargeIns));
        return data;
    }

    private static void add(ArrayDeque<Long> timings, long ms) {
        if (timings.size() == MAX_LISTED) {
            timings.removeFirst();
        }
        timings.addLast(ms);
    }
}
