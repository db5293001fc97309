package dev.switchboard.control.tracing;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.Traceparent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * control-api's spans of a call's trace (docs/operations.md, "Tracing"): {@code call.dial} starts an outbound call's
 * trace, the gateway's link events ({@code link.event}) continue it, and status callbacks ({@code twilio.status}) and
 * outcome webhooks ({@code webhook.deliver}) join it. The trace of each recent call is remembered in memory (each
 * replica knows the calls it dialed or whose events it received). With the SDK off every span is a no-op.
 */
@ApplicationScoped
public class CallTraces {

    /**
     * The query parameter that carries the dial's trace inside the URLs Twilio calls back (the gateway's /twiml, our
     * /twilio/status): Twilio signs them whole, and only the value's format is trusted.
     */
    public static final String PARAMETER = "traceparent";
    static final AttributeKey<String> CALL_SID = AttributeKey.stringKey("call.sid");
    static final AttributeKey<String> PROFILE = AttributeKey.stringKey("profile");
    private static final int REMEMBERED = 10_000;

    private final Tracer tracer;
    private final Map<String, Known> calls = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Known(SpanContext span, String profile) { }

    /**
     * With the SDK off Quarkus still hands out a minimal SDK tracer, whose spans get ids and would add traceparents
     * to URLs and headers: a no-op tracer is used instead, so tracing off costs nothing.
     */
    CallTraces(Tracer tracer, Config config) {
        boolean off = config.getOptionalValue(TracingSwitch.PROPERTY, Boolean.class).orElse(false);
        this.tracer = off ? TracerProvider.noop().get("switchboard") : tracer;
    }

    /** Starts the span of an outbound call being dialed on {@code profile}; end it with {@link #dialed}. */
    public Span dialing(String profile) {
        return tracer.spanBuilder("call.dial").setSpanKind(SpanKind.CLIENT).setParent(Context.root())
                .setAttribute(PROFILE, profile).startSpan();
    }

    /** A callback URL given to Twilio, with the dial's trace as a parameter (unchanged when not tracing). */
    public static URI withTrace(URI url, Span dial) {
        String traceparent = traceparent(dial.getSpanContext());
        if (traceparent == null) {
            return url;
        }
        return URI.create(url + (url.getRawQuery() == null ? "?" : "&") + PARAMETER + "=" + traceparent);
    }

    /** The dial is done: {@code callSid} is the call's (null when it failed), on {@code profile}. */
    public void dialed(Span dial, String callSid, String profile) {
        if (callSid == null) {
            dial.setStatus(StatusCode.ERROR);
        } else {
            dial.setAttribute(CALL_SID, callSid);
            remember(callSid, dial.getSpanContext(), profile);
        }
        dial.end();
    }

    /** A call event from a gateway: the call's trace, as the gateway sends it, is remembered and continued. */
    public void linkEvent(LinkFrame frame) {
        if (frame.callSid() == null || !Traceparent.valid(frame.traceparent())) {
            return;
        }
        Object named = frame.data() == null ? null : frame.data().get("profile");
        SpanContext call = remote(frame.traceparent());
        remember(frame.callSid(), call, named instanceof String profile && !profile.isBlank() ? profile : null);
        // Transcript pieces come many per turn: they are stored, but get no span each.
        if (!frame.type().wire().startsWith("transcript.")) {
            start("link.event", SpanKind.CONSUMER, frame.callSid(), Context.root().with(Span.wrap(call)))
                    .setAttribute("link.type", frame.type().wire()).end();
        }
    }

    /**
     * A Twilio status callback of {@code callSid}, in the trace its signed URL names ({@code traceparent}, for calls
     * we dialed: it may come before the dial returns) or else the call's remembered one; the caller ends the span.
     */
    public Span twilioStatus(String callSid, String status, String traceparent) {
        Context parent = Traceparent.valid(traceparent) ? Context.root().with(Span.wrap(remote(traceparent)))
                : parent(callSid);
        return start("twilio.status", SpanKind.SERVER, callSid, parent).setAttribute("call.status", status);
    }

    /** An outcome webhook delivery of {@code callSid}'s {@code event}; the caller ends the span. */
    public Span webhookDelivery(String callSid, String event) {
        return start("webhook.deliver", SpanKind.CLIENT, callSid, parent(callSid)).setAttribute("webhook.event", event);
    }

    /** The span's W3C traceparent header value; null when the span is a no-op. */
    public static String traceparent(SpanContext span) {
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex()
                : null;
    }

    private Span start(String name, SpanKind kind, String callSid, Context parent) {
        var builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent);
        if (callSid != null) {
            builder.setAttribute(CALL_SID, callSid);
            String profile = profile(callSid);
            if (profile != null) {
                builder.setAttribute(PROFILE, profile);
            }
        }
        return builder.startSpan();
    }

    private Context parent(String callSid) {
        Known known;
        synchronized (calls) {
            known = callSid == null ? null : calls.get(callSid);
        }
        return known == null ? Context.root() : Context.root().with(Span.wrap(known.span()));
    }

    private String profile(String callSid) {
        synchronized (calls) {
            Known known = calls.get(callSid);
            return known == null ? null : known.profile();
        }
    }

    private void remember(String callSid, SpanContext span, String profile) {
        if (!span.isValid()) {
            return;
        }
        synchronized (calls) {
            Known before = calls.get(callSid);
            calls.put(callSid, new Known(span, profile != null ? profile : before == null ? null : before.profile()));
        }
    }

    private static SpanContext remote(String traceparent) {
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
    }
}
