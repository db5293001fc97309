package dev.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The gateway's Micrometer meters; per-frame counters are resolved once so the hot path only increments. The speech
 * timings are histograms with a dozen explicit buckets, tagged with the call's agent profile (docs/operations.md).
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter bargeIns;
    private final Counter framesDropped;

    /** Speech-scale SLO buckets, 20 ms to 10 s: a dozen series per timer instead of a percentile histogram's ~70. */
    static final Duration[] SPEECH_BUCKETS = millis(20, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000,
            10000);
    /** Outcomes a resumed call is counted under (registered at 0 so a rate is defined before the first resume). */
    static final List<String> RESUME_OUTCOMES = List.of("resumed", "failed", "ended");
    /** Realtime error codes are the service's own words: anything unlike one is counted as "other". */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_.-]{1,64}");
    /** The profile every call runs on until agent profiles exist; its series are there from start-up. */
    private static final String DEFAULT_PROFILE = "default";

    private final Counter reconnects;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("switchboard.calls.started").description("Calls bridged").register(registry);
        this.framesIn = frames("caller-to-agent");
        this.framesOut = frames("agent-to-caller");
        this.framesDropped = Counter.builder("switchboard.frames.dropped")
                .description("Twilio frames dropped as invalid or over a limit").register(registry);
        this.bargeIns = Counter.builder("switchboard.barge.ins").description("Agent speech interrupted by the caller")
                .register(registry);
        this.reconnects = Counter.builder("switchboard.realtime.reconnects")
                .description("Realtime sockets reopened after the call's session was lost").register(registry);
        RESUME_OUTCOMES.forEach(this::resumes);
        firstAudio(DEFAULT_PROFILE);
        turnLatency(DEFAULT_PROFILE);
        bargeInReaction(DEFAULT_PROFILE);
        realtimeConnect(DEFAULT_PROFILE);
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

    /** What answering-machine detection decided: Twilio's answer ({@code none} when none came in time), the action. */
    public void amd(String answeredBy, String action) {
        registry.counter("switchboard.amd", "answered_by", answeredBy, "action", action).increment();
    }

    /** A media stream whose token another gateway instance signed (SWITCHBOARD_STREAM_SECRET not shared). */
    public void foreignStreamToken() {
        registry.counter("switchboard.stream.tokens.foreign").increment();
    }

    /** Stream start (or the /twiml answer) to the first agent audio sent to the caller. */
    public void firstAudio(String profile, long nanos) {
        firstAudio(profile).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Caller's end of speech to the first agent audio sent. */
    public void turnLatency(String profile, long nanos) {
        turnLatency(profile).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Realtime speech_started to the Twilio clear sent. */
    public void bargeInReaction(String profile, long nanos) {
        bargeInReaction(profile).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Opening a Realtime socket to the session being ready. */
    public void realtimeConnect(String profile, long nanos) {
        realtimeConnect(profile).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One tool run, from the model's function call to its result. */
    public void toolTime(String profile, String tool, long nanos) {
        speechTimer("switchboard.tool", "A tool run, from the model's call to its result", profile, "tool", tool)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A Realtime {@code error} event, by its {@code code}. */
    public void realtimeError(String code) {
        String tag = code == null || code.isBlank() ? "unknown" : ERROR_CODE.matcher(code).matches() ? code : "other";
        registry.counter("switchboard.realtime.errors", "code", tag).increment();
    }

    /** A Realtime socket reopened after the call's session was lost. */
    public void realtimeReconnect() {
        reconnects.increment();
    }

    /**
     * A resume's outcome (docs/faults.md): {@code resumed} (its new stream started here), {@code failed} (the new
     * stream it was given failed at once: the call asked again), {@code ended} (ended with the end line).
     */
    public void callResumed(String outcome) {
        resumes(outcome).increment();
    }

    private Counter resumes(String outcome) {
        return Counter.builder("switchboard.call.resumes").tag("outcome", outcome)
                .description("Resumes of interrupted calls by outcome (docs/faults.md)").register(registry);
    }

    private Timer firstAudio(String profile) {
        return speechTimer("switchboard.first.audio", "Stream start or /twiml answer to first agent audio sent",
                profile);
    }

    private Timer turnLatency(String profile) {
        return speechTimer("switchboard.turn.latency", "Caller stops speaking to first agent audio sent to Twilio",
                profile);
    }

    private Timer bargeInReaction(String profile) {
        return speechTimer("switchboard.barge.in", "Realtime speech_started to Twilio clear sent", profile);
    }

    private Timer realtimeConnect(String profile) {
        return speechTimer("switchboard.realtime.connect", "Opening a Realtime socket to the session being ready",
                profile);
    }

    /** Looks the timer up (registered once, then found by id): speech timings come a few times a turn, not a frame. */
    private Timer speechTimer(String name, String description, String profile, String... tags) {
        return Timer.builder(name).description(description).tag("profile", profile).tags(tags)
                .serviceLevelObjectives(SPEECH_BUCKETS).register(registry);
    }

    private static Duration[] millis(long... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofMillis(values[i]);
        }
        return buckets;
    }

    private Counter frames(String direction) {
        return Counter.builder("switchboard.frames").tag("direction", direction)
                .description("Media frames forwarded").register(registry);
    }
}
