package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.bridge.CallBridge;
import dev.switchboard.gateway.bridge.CallBridges;
import dev.switchboard.gateway.bridge.CallStart;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.media.TwilioConnectionLeg;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.twilio.StreamTokens;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Handles Twilio's {@code start}: the stream token must belong to the CallSid, else 1008 and no OpenAI session. */
@ApplicationScoped
class CallStarts {

    /** At most one ERROR per this period about streams answered by another instance; the metric counts them all. */
    private static final long FOREIGN_REPORT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final StreamTokens tokens;
    private final CallBridges bridges;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Limits limits;
    private final AtomicLong nextForeignReport = new AtomicLong(System.nanoTime());
    private final AtomicInteger foreignSinceReport = new AtomicInteger();

    CallStarts(StreamTokens tokens, CallBridges bridges, GatewayMetrics metrics, GatewayConfig config) {
        this.tokens = tokens;
        this.bridges = bridges;
        this.metrics = metrics;
        this.limits = config.limits();
    }

    /** Opens the call's bridge, or closes the stream (1008) and returns null when the start is refused. */
    CallBridge start(JsonObject frame, MediaStream stream) {
        JsonObject start = frame.getJsonObject("start");
        String callSid = start.getString("callSid");
        String streamSid = start.getString("streamSid", frame.getString("streamSid"));
        Map<String, String> parameters = new HashMap<>();
        start.getJsonObject("customParameters", new JsonObject())
                .forEach(entry -> parameters.put(entry.getKey(), String.valueOf(entry.getValue())));
        String token = parameters.remove(StreamTokens.PARAMETER);
        try (CallMdc.Scope ignored = CallMdc.enter(callSid, streamSid, null)) {
            return start(callSid, streamSid, token, parameters, stream);
        }
    }

    private CallBridge start(String callSid, String streamSid, String token, Map<String, String> parameters,
                             MediaStream stream) {
        StreamTokens.Verdict verdict = tokens.check(callSid, token);
        if (verdict == StreamTokens.Verdict.FOREIGN) {
            foreign(callSid);
        }
        if (callSid == null || streamSid == null || verdict != StreamTokens.Verdict.VALID) {
            Log.warn("media stream refused: stream token missing, expired or not for this call");
            metrics.callRefused("token");
            stream.socket().close((short) 1008, "invalid stream token");
            return null;
        }
        var call = bridges.open(new CallStart(streamSid, callSid, parameters), new TwilioConnectionLeg(
                stream.socket(), streamSid, limits.socketWriteBufferChars(), limits.sendQueueAudioMs(),
                () -> metrics.audioDropped("agent-to-caller")));
        if (call.isEmpty()) {
            Log.warnf("media stream refused: stream %s is already bridged", streamSid);
            stream.socket().close((short) 1008, "stream already bridged");
            return null;
        }
        return call.get();
    }

    /** Said loudly, but once a period: every call of a misconfigured pair of instances would otherwise log it. */
    private void foreign(String callSid) {
        metrics.foreignStreamToken();
        int seen = foreignSinceReport.incrementAndGet();
        long due = nextForeignReport.get();
        long now = System.nanoTime();
        if (now - due >= 0 && nextForeignReport.compareAndSet(due, now + FOREIGN_REPORT_NANOS)) {
            foreignSinceReport.addAndGet(-seen);
            Log.errorf("media stream refused: its stream token was signed by another gateway instance "
                    + "(%d such stream(s) since the last report). Each instance makes its own random key unless "
                    + "SWITCHBOARD_STREAM_SECRET is set: set the same SWITCHBOARD_STREAM_SECRET on every instance "
                    + "(docs/faults.md)", seen);
        }
    }
}
