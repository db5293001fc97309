package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.bridge.CallBridge;
import dev.switchboard.gateway.bridge.EndReason;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.media.TwilioFrame;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.sockets.FlushBatching;
import dev.switchboard.gateway.sockets.TextMessages;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * One Twilio media-stream socket: {@code connected}, {@code start}, then {@code media}, {@code mark}, {@code dtmf}
 * and {@code stop}. Bad frames are dropped and counted; they never end the call. All handlers run on the socket's
 * event loop, the same one as its call.
 */
final class MediaStream {

    /** As the HTTP server's WebSocket message limit (application.properties): larger messages are dropped. */
    private static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private final ServerWebSocket socket;
    private final CallAdmission admission;
    private final CallStarts starts;
    private final GatewayMetrics metrics;
    private boolean admitted;
    private CallBridge call;

    MediaStream(ServerWebSocket socket, CallAdmission admission, CallStarts starts, GatewayMetrics metrics) {
        this.socket = socket;
        this.admission = admission;
        this.starts = starts;
        this.metrics = metrics;
    }

    /** Takes the socket over; {@code connection} is the upgraded request's, which carries the socket. */
    void open(HttpConnection connection) {
        // The cap was checked before the upgrade; calls racing for the last place are settled here.
        if (!admission.tryAcquire()) {
            metrics.callRefused("upgrade");
            socket.close((short) 1013, "at capacity");
            return;
        }
        admitted = true;
        FlushBatching.enable(connection);
        // Messages arrive as the received bytes: a media message's few fields are read from them, no String of the
        // whole is built (TwilioMediaCodec).
        TextMessages.receive(socket, MAX_MESSAGE_BYTES, this::onText, ignored -> dropped("a binary frame"),
                tooLong -> dropped("a message over " + MAX_MESSAGE_BYTES + " bytes"));
        socket.exceptionHandler(this::onFailure);
        socket.closeHandler(ignored -> onClose());
    }

    ServerWebSocket socket() {
        return socket;
    }

    private void onFailure(Throwable failure) {
        try (CallMdc.Scope ignored = logScope()) {
            Log.warnf("media stream error: %s", failure.getMessage());
        }
    }

    private void onText(Buffer message) {
        try (CallMdc.Scope ignored = logScope()) {
            onFrame(message);
        }
    }

    private void onFrame(Buffer message) {
        TwilioFrame frame;
        try {
            frame = TwilioFrame.read(message);
        } catch (IOException e) {
            dropped("a frame that is not a JSON object");
            return;
        }
        switch (frame.event()) {
            case "media" -> media(frame);
            case "mark" -> mark(frame.markName());
            case "dtmf" -> dtmf(frame.digit());
            case "start" -> start(message.toString());
            case "connected" -> { }
            case "stop" -> {
                if (live("stop")) {
                    call.end(EndReason.TWILIO_STOP);
                }
            }
            default -> dropped("an unknown event");
        }
    }

    private void start(String text) {
        if (call != null) {
            Log.warn("dropped a second start frame");
            return;
        }
        try {
            call = starts.start(new JsonObject(text), this);
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            dropped("a start frame with missing or mistyped fields");
        }
    }

    private void media(TwilioFrame frame) {
        if (!live("media")) {
            return;
        }
        String track = frame.track();
        if (track == null || "inbound".equals(track) || "inbound_track".equals(track)) {
            call.onCallerAudio(frame.payload());
        }
    }

    private void mark(String name) {
        if (live("mark")) {
            if (name == null) {
                dropped("a mark frame without a name");
            } else {
                call.onMark(name);
            }
        }
    }

    private void dtmf(String digit) {
        if (!live("dtmf")) {
            return;
        }
        if (digit != null && digit.length() == 1 && "0123456789ABCD*#".indexOf(digit.charAt(0)) >= 0) {
            call.onDtmf(digit);
        } else {
            dropped("a dtmf frame without a valid digit");
        }
    }

    /** Whether the stream has started; frames before {@code start} are dropped. */
    private boolean live(String event) {
        if (call == null) {
            dropped("a " + event + " frame before start");
            return false;
        }
        return true;
    }

    private void onClose() {
        if (call != null) {
            call.execute(() -> call.end(EndReason.TWILIO_CLOSED));
        }
        if (admitted) {
            admitted = false;
            admission.release();
        }
    }

    private void dropped(String what) {
        metrics.frameDropped();
        try (CallMdc.Scope ignored = logScope()) {
            Log.warnf("dropped %s from Twilio", what);
        }
    }

    /** The call's log fields once the stream has started (null before: try-with-resources skips it). */
    private CallMdc.Scope logScope() {
        return call == null ? null : call.logScope();
    }
}
