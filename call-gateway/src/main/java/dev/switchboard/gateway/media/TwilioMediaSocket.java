package dev.switchboard.gateway.media;

import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.bridge.CallBridge;
import dev.switchboard.gateway.bridge.CallBridges;
import dev.switchboard.gateway.bridge.EndReason;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Twilio Media Streams endpoint ({@code <Connect><Stream>}, bidirectional). Bad frames are dropped and counted;
 * they never end the call.
 */
@WebSocket(path = "/call", endpointId = TwilioMediaSocket.ID)
public class TwilioMediaSocket {

    static final String ID = "twilio-media";
    static final TypedKey<CallBridge> CALL = new TypedKey<>("switchboard.call");
    private static final TypedKey<Boolean> ADMITTED = TypedKey.forBoolean("switchboard.admitted");

    private final CallAdmission admission;
    private final CallBridges bridges;
    private final CallStarts starts;
    private final GatewayMetrics metrics;

    TwilioMediaSocket(CallAdmission admission, CallBridges bridges, CallStarts starts, GatewayMetrics metrics) {
        this.admission = admission;
        this.bridges = bridges;
        this.starts = starts;
        this.metrics = metrics;
    }

    @OnOpen
    Uni<Void> onOpen(WebSocketConnection twilio) {
        if (!admission.tryAcquire()) {
            metrics.callRefused("upgrade");
            return twilio.close(new CloseReason(1013, "at capacity"));
        }
        twilio.userData().put(ADMITTED, true);
        Log.debugf("[conn=%s] media stream admitted (%d active)", twilio.id(), admission.active());
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    Uni<Void> onText(String text, WebSocketConnection twilio) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            return dropped(twilio, "a frame that is not a JSON object");
        }
        try {
            return route(frame, twilio);
        } catch (ClassCastException | NullPointerException e) {
            return dropped(twilio, "a " + frame.getValue("event") + " frame with missing or mistyped fields");
        }
    }

    private Uni<Void> route(JsonObject frame, WebSocketConnection twilio) {
        String event = frame.getString("event", "");
        if ("start".equals(event)) {
            return starts.start(frame, twilio);
        }
        if ("connected".equals(event)) {
            return Uni.createFrom().voidItem();
        }
        CallBridge call = twilio.userData().get(CALL);
        if (call == null) {
            return dropped(twilio, "a " + event + " frame before start");
        }
        switch (event) {
            case "media" -> media(call, frame.getJsonObject("media"));
            case "mark" -> call.onMark(frame.getJsonObject("mark").getString("name"));
            case "dtmf" -> dtmf(call, frame.getJsonObject("dtmf").getString("digit"), twilio);
            case "stop" -> call.end(EndReason.TWILIO_STOP);
            default -> {
                return dropped(twilio, "an unknown event");
            }
        }
        return Uni.createFrom().voidItem();
    }

    private void media(CallBridge call, JsonObject media) {
        String track = media.getString("track");
        if (track == null || "inbound".equals(track) || "inbound_track".equals(track)) {
            call.onCallerAudio(media.getValue("payload") instanceof String payload ? payload : null);
        }
    }

    private void dtmf(CallBridge call, String digit, WebSocketConnection twilio) {
        if (digit != null && digit.matches("[0-9A-D*#]")) {
            call.onDtmf(digit);
        } else {
            dropped(twilio, "a dtmf frame without a valid digit");
        }
    }

    @OnBinaryMessage
    Uni<Void> onBinary(Buffer data, WebSocketConnection twilio) {
        return dropped(twilio, "a binary frame");
    }

    @OnClose
    Uni<Void> onClose(WebSocketConnection twilio) {
        CallBridge call = twilio.userData().get(CALL);
        if (call != null) {
            call.execute(() -> call.end(EndReason.TWILIO_CLOSED));
        }
        if (Boolean.TRUE.equals(twilio.userData().remove(ADMITTED))) {
            admission.release();
        }
        return Uni.createFrom().voidItem();
    }

    @OnError
    Uni<Void> onError(Throwable failure, WebSocketConnection twilio) {
        Log.warnf("[conn=%s] media stream error: %s", twilio.id(), failure.getMessage());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> dropped(WebSocketConnection twilio, String what) {
        metrics.frameDropped();
        CallBridge call = twilio.userData().get(CALL);
        Log.warnf("[call=%s] dropped %s from Twilio", call == null ? "-" : call.callSid(), what);
        return Uni.createFrom().voidItem();
    }
}
