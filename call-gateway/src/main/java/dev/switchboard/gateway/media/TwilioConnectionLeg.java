package dev.switchboard.gateway.media;

import dev.switchboard.gateway.bridge.BoundedSender;
import dev.switchboard.gateway.bridge.TwilioLeg;
import io.quarkus.logging.Log;
import io.vertx.core.http.ServerWebSocket;

import java.util.List;

/** The Twilio leg over the media stream's WebSocket, with a bounded outbound queue. */
final class TwilioConnectionLeg implements TwilioLeg {

    private final ServerWebSocket socket;
    private final BoundedSender sender;

    TwilioConnectionLeg(ServerWebSocket socket, int maxInFlightChars, int maxQueuedAudioMs,
                        Runnable countDrop) {
        this.socket = socket;
        this.sender = new BoundedSender(this::write, maxInFlightChars, maxQueuedAudioMs, countDrop);
    }

    private void write(String json, Runnable done) {
        if (socket.isClosed()) {
            done.run();
            return;
        }
        socket.writeTextMessage(json).onComplete(result -> {
            if (result.failed()) {
                Log.debugf("send to Twilio failed: %s", result.cause().getMessage());
            }
            done.run();
        });
    }

    @Override
    public void send(String json) {
        sender.send(json);
    }

    @Override
    public void sendAudio(List<String> frames, int audioMs, Runnable onDropped) {
        sender.sendAudio(frames, audioMs, onDropped);
    }

    @Override
    public void discardQueuedAudio() {
        sender.discardAudio();
    }

    @Override
    public void close(int code, String reason) {
        if (!socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }
}
