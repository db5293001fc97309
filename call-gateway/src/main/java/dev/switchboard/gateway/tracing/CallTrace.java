package dev.switchboard.gateway.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import java.util.HashMap;
import java.util.Map;

/**
 * One call's spans under its {@code call} span: the Realtime connection, each response turn, each tool call and a
 * transfer. Used on the call's event loop only. Spans carry the call SID and profile and a few outcome words, never
 * audio, transcript text, arguments, numbers or secrets; nothing is done per media frame.
 */
public final class CallTrace {

    private static final AttributeKey<String> TOOL = AttributeKey.stringKey("tool.name");

    private final Tracer tracer;
    private final Span call;
    private final Context context;
    private final String callSid;
    private final String traceparent;
    private final Map<String, Span> tools = new HashMap<>();
    private String profile;
    private Span response;
    private Span transfer;

    CallTrace(Tracer tracer, Span call, String callSid, String profile) {
        this.tracer = tracer;
        this.call = call;
        this.context = Context.root().with(call);
        this.callSid = callSid;
        this.profile = profile;
        var span = call.getSpanContext();
        this.traceparent = span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }

    /** The call span's W3C traceparent, for the link envelope; null when not tracing. */
    public String traceparent() {
        return traceparent;
    }

    /** The profile the call runs on, once known for sure (the call's context may name another). */
    public void profile(String name) {
        profile = name;
        call.setAttribute(CallTraces.PROFILE, name);
    }

    /** A Realtime connection being opened ({@code early}: the one opened at /twiml, taken over now). */
    public Span realtimeConnect(boolean early) {
        return child("realtime.connect", SpanKind.CLIENT).setAttribute("realtime.early", early);
    }

    /** Ends a {@link #realtimeConnect} span. */
    public static void connected(Span span, boolean ok) {
        if (!ok) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    public void responseStarted() {
        if (response != null) {
            response.end();
        }
        response = child("realtime.response", SpanKind.CLIENT);
    }

    public void responseDone() {
        if (response != null) {
            response.end();
            response = null;
        }
    }

    public void toolStarted(String callId, String name) {
        tools.put(callId, child("tool.call", SpanKind.INTERNAL).setAttribute(TOOL, name));
    }

    /** Makes the tool's span current while the tool is invoked, so a webhook tool sends its traceparent. */
    public Scope toolScope(String callId) {
        Span span = tools.get(callId);
        return span == null ? Scope.noop() : span.makeCurrent();
    }

    public void toolEnded(String callId, boolean error) {
        Span span = tools.remove(callId);
        if (span != null) {
            if (error) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    /** A transfer begins, {@code by} the agent's tool or control-api's API. */
    public void transferStarted(String by) {
        if (transfer == null) {
            transfer = child("call.transfer", SpanKind.INTERNAL).setAttribute("transfer.by", by);
        }
    }

    /** The transfer is over: {@code outcome} is transferred, failed or the call's end reason. */
    public void transferEnded(String outcome) {
        if (transfer != null) {
            transfer.setAttribute("transfer.outcome", outcome);
            transfer.end();
            transfer = null;
        }
    }

    /** Ends the call span and whatever is still open under it (a tool still running, such as end_call). */
    public void end(String reason) {
        responseDone();
        tools.values().forEach(span -> span.setAttribute("tool.unanswered", true).end());
        tools.clear();
        transferEnded(reason);
        call.setAttribute("call.end_reason", reason);
        call.end();
    }

    private Span child(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(context)
                .setAttribute(CallTraces.CALL_SID, callSid).setAttribute(CallTraces.PROFILE, profile).startSpan();
    }
}
