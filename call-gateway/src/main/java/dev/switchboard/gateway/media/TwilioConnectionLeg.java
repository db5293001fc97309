package dev.switchboard.gateway.media;

import dev.switchboard.gateway.bridge.BoundedSender;
import dev.switchboard.gateway.bridge.TwilioLeg;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.List;

/** The Twilio leg over a websockets-next server connection, with a bounded outbound queue. */
final class TwilioConnectionLeg implements TwilioLeg {

    private final WebSocketConnection connection;
    private final BoundedSender sender;

    TwilioConnectionLeg(WebSocketConnection connection, int maxInFlightChars, int maxQueuedAudioMs,
                        Runnable countDrop) {
        this.connection = connection;
        this.sender = new BoundedSender(this::write, maxInFlightChars, maxQueuedAudioMs, countDrop);
    }

    private void write(String json, Runnable done) {
        if (!connection.isOpen()) {
            done.run();
            return;
        }
        connection.sendText(json).subscribe().with(
                ignored -> done.run(),
                failure -> {
                    Log.debugf("[conn=%s] send to Twilio failed: %s", connection.id(), failure.getMessage());
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
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
