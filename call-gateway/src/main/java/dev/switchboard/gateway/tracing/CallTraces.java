package dev.switchboard.gateway.tracing;

import dev.switchboard.contract.link.Traceparent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts each call's trace (docs/operations.md, "Tracing"): the {@code twiml} span when Twilio fetches /twiml, in the
 * trace control-api began when it dialed (the {@code traceparent} parameter of the signed /twiml URL), then one
 * {@link CallTrace} per media stream. With the OpenTelemetry SDK off (no OTEL_EXPORTER_OTLP_ENDPOINT) every span is
 * a no-op and nothing is remembered.
 */
@ApplicationScoped
public class CallTraces {

    /** The /twiml query parameter control-api adds to an outbound call's answer URL. */
    public static final String PARAMETER = "traceparent";
    static final AttributeKey<String> CALL_SID = AttributeKey.stringKey("call.sid");
    static final AttributeKey<String> PROFILE = AttributeKey.stringKey("profile");
    private static final long FORGET_AFTER_NANOS = 120_000_000_000L;
    private static final int TIDY_ABOVE = 256;
    private static final TextMapSetter<MultiMap> HEADERS = (headers, name, value) -> headers.set(name, value);

    private final Tracer tracer;
    /** The twiml span of each call whose stream has not started yet, with when it was answered. */
    private final Map<String, Answered> answered = new ConcurrentHashMap<>();

    private record Answered(SpanContext span, long at) { }

    /**
     * With the SDK off Quarkus still hands out a minimal SDK tracer, whose spans get ids and would add traceparents
     * to URLs and headers: a no-op tracer is used instead, so tracing off costs nothing.
     */
    CallTraces(Tracer tracer, Config config) {
        boolean off = config.getOptionalValue(TracingSwitch.PROPERTY, Boolean.class).orElse(false);
        this.tracer = off ? TracerProvider.noop().get("switchboard") : tracer;
    }

    /**
     * Records the /twiml answer of {@code callSid}, {@code outcome} being what it was answered (stream, busy). A
     * well-formed {@code traceparent} (from control-api's dial) is its parent; without one the call's trace starts here.
     */
    public void twiml(String callSid, String traceparent, String outcome) {
        Context parent = Traceparent.valid(traceparent) ? Context.root().with(Span.wrap(remote(traceparent)))
                : Context.root();
        Span span = tracer.spanBuilder("twiml").setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAttribute(CALL_SID, callSid).setAttribute("twiml.answer", outcome).startSpan();
        span.end();
        if (span.getSpanContext().isValid() && outcome.equals("stream")) {
            long now = System.nanoTime();
            tidy(now);
            answered.put(callSid, new Answered(span.getSpanContext(), now));
        }
    }

    /** The trace of the call whose media stream starts now, in the trace of its /twiml answer when this gateway gave it. */
    public CallTrace call(String callSid, String streamSid, String profile) {
        Answered twiml = answered.remove(callSid);
        Context parent = twiml == null ? Context.root() : Context.root().with(Span.wrap(twiml.span()));
        Span span = tracer.spanBuilder("call").setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAttribute(CALL_SID, callSid).setAttribute("stream.sid", streamSid)
                .setAttribute(PROFILE, profile).startSpan();
        return new CallTrace(tracer, span, callSid, profile);
    }

    /** Adds the current span's {@code traceparent} to outgoing HTTP headers (nothing when no span is recording). */
    public static void inject(MultiMap headers) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, HEADERS);
    }

    private static SpanContext remote(String traceparent) {
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
    }

    // A stream that never came (caller hung up while ringing) leaves an entry; it is dropped a while later.
    private void tidy(long now) {
        if (answered.size() > TIDY_ABOVE) {
            answered.values().removeIf(entry -> now - entry.at() > FORGET_AFTER_NANOS);
        }
    }
}
