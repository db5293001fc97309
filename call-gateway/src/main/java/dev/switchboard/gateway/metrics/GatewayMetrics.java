package dev.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Supplier;

/** The gateway's Micrometer meters; per-frame counters are resolved once so the hot path only increments. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter bargeIns;
    private final Counter framesDropped;
    private final Timer turnLatency;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("switchboard.calls.started").description("Calls bridged").register(registry);
        this.framesIn = frames("caller-to-agent");
        this.framesOut = frames("agent-to-caller");
        this.framesDropped = Counter.builder("switchboard.frames.dropped")
                .description("Twilio frames dropped as invalid or over a limit").register(registry);
        this.bargeIns = Counter.builder("switchboard.barge.ins").description("Agent speech interrupted by the caller")
                .register(registry);
        this.turnLatency = Timer.builder("switchboard.turn.latency")
                .description("Caller stops speaking to first agent audio sent to Twilio")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** Registers the active-calls gauge over the given count. */
    public void activeCalls(Supplier<Number> count) {
        io.micrometer.core.instrument.Gauge.builder("switchboard.calls.active", count)
                .description("Calls in progress on this instance").register(registry);
    }

    public void callStarted() {
        started.increment();
    }

    public void callRefused(String stage) {
        registry.counter("switchboard.calls.refused", "stage", stage).increment();
    }

    public void callEnded(String reason) {
        registry.counter("switchboard.calls.ended", "reason", reason).increment();
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void frameOut() {
        framesOut.increment();
    }

    public void frameDropped() {
        framesDropped.increment();
    }

    /** Audio dropped because a socket read slower than we wrote (direction as for switchboard.frames). */
    public void audioDropped(String direction) {
        registry.counter("switchboard.audio.dropped", "direction", direction).increment();
    }

    /**
     * Tokens one Realtime response used, as {@code switchboard_tokens_total{direction,kind}}: input text and audio
     * without their cached part, cached input (text and audio) on its own, since each is priced differently.
     */
    public void tokens(long inputText, long inputAudio, long cached, long outputText, long outputAudio) {
        tokens("input", "text", inputText);
        tokens("input", "audio", inputAudio);
        tokens("input", "cached", cached);
        tokens("output", "text", outputText);
        tokens("output", "audio", outputAudio);
    }

    private void tokens(String direction, String kind, long count) {
        if (count > 0) {
            Counter.builder("switchboard.tokens").description("OpenAI Realtime tokens used, from response.done")
                    .tag("direction", direction).tag("kind", kind).register(registry).increment(count);
        }
    }

    public void bargeIn() {
        bargeIns.increment();
    }

    public void toolCalled(String tool, String outcome) {
        registry.counter("switchboard.tool.calls", "tool", tool, "outcome", outcome).increment();
    }

    /** A media stream whose token another gateway instance signed (SWITCHBOARD_STREAM_SECRET not shared). */
    public void foreignStreamToken() {
        registry.counter("switchboard.stream.tokens.foreign").increment();
    }

    public void turnLatency(long nanos) {
        turnLatency.record(Duration.ofNanos(nanos));
    }

    private Counter frames(String direction) {
        return Counter.builder("switchboard.frames").tag("direction", direction)
                .description("Media frames forwarded").register(registry);
    }
}
