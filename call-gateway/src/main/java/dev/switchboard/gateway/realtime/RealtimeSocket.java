package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.bridge.AgentLeg;
import io.quarkus.logging.Log;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** One call's Realtime socket: JSON text events in, JSON text events out. */
final class RealtimeSocket implements AgentLeg {

    private final WebSocket socket;

    RealtimeSocket(WebSocket socket, String callSid, RealtimeListener listener) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject event;
            try {
                event = new JsonObject(text);
            } catch (DecodeException e) {
                Log.warnf("[call=%s] dropped a Realtime message that is not a JSON object", callSid);
                return;
            }
            listener.onEvent(event);
        });
        socket.binaryMessageHandler(data -> Log.debugf("[call=%s] dropped a binary Realtime message", callSid));
        socket.exceptionHandler(listener::onFailure);
        socket.closeHandler(ignored -> listener.onClosed(
                socket.closeStatusCode() == null ? 1006 : socket.closeStatusCode(), socket.closeReason()));
    }

    @Override
    public void send(String json) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(json);
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close((short) 1000, "call ended");
        }
    }
}
