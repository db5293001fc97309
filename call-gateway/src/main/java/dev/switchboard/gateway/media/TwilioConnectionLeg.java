package dev.switchboard.gateway.media;

import dev.switchboard.gateway.bridge.TwilioLeg;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** The Twilio leg over a websockets-next server connection. */
final class TwilioConnectionLeg implements TwilioLeg {

    private final WebSocketConnection connection;

    TwilioConnectionLeg(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public void send(String json) {
        if (connection.isOpen()) {
            connection.sendText(json).subscribe().with(
                    ignored -> { },
                    failure -> Log.debugf("[conn=%s] send to Twilio failed: %s", connection.id(), failure.getMessage()));
        }
    }

    @Override
    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
