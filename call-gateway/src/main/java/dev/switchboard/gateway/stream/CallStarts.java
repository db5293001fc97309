package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.bridge.CallBridge;
import dev.switchboard.gateway.bridge.CallBridges;
import dev.switchboard.gateway.bridge.CallStart;
import dev.switchboard.gateway.media.TwilioConnectionLeg;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.twilio.StreamTokens;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/** Handles Twilio's {@code start}: the stream token must belong to the CallSid, else 1008 and no OpenAI session. */
@ApplicationScoped
class CallStarts {

    private final StreamTokens tokens;
    private final CallBridges bridges;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Limits limits;

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
        if (callSid == null || streamSid == null || !tokens.verify(callSid, token)) {
            Log.warnf("[call=%s] media stream refused: stream token missing, expired or not for this call", callSid);
            metrics.callRefused("token");
            stream.socket().close((short) 1008, "invalid stream token");
            return null;
        }
        var call = bridges.open(new CallStart(streamSid, callSid, parameters), new TwilioConnectionLeg(
                stream.socket(), streamSid, limits.socketWriteBufferChars(), limits.sendQueueAudioMs(),
                () -> metrics.audioDropped("agent-to-caller")));
        if (call.isEmpty()) {
            Log.warnf("[call=%s] media stream refused: stream %s is already bridged", callSid, streamSid);
            stream.socket().close((short) 1008, "stream already bridged");
            return null;
        }
        return call.get();
    }
}
