package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.bridge.AgentLeg;
import dev.switchboard.gateway.bridge.BoundedSender;
import dev.switchboard.gateway.sockets.FlushBatching;
import io.quarkus.logging.Log;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** One call's Realtime socket: JSON text events in, JSON text events out through a bounded queue. */
final class RealtimeSocket implements AgentLeg {

    private final WebSocket socket;
    private final BoundedSender sender;

    RealtimeSocket(WebSocket socket, String callSid, RealtimeListener listener, int maxInFlightChars,
                   int maxQueuedAudioMs, Runnable countDrop) {
        this.socket = socket;
        this.sender = new BoundedSender(this::write, maxInFlightChars, maxQueuedAudioMs, countDrop);
        FlushBatching.enable(socket);
        socket.textMessageHandler(text -> {
            AudioDelta audio = AudioDelta.readOrNull(text);
            if (audio != null) {
                listener.onAudioDelta(audio.responseId(), audio.itemId(), audio.delta());
                return;
            }
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

    private void write(String json, Runnable done) {
        if (socket.isClosed()) {
            done.run();
        } else {
            socket.writeTextMessage(json).onComplete(ignored -> done.run());
        }
    }

    @Override
    public void send(String json) {
        sender.send(json);
    }

    @Override
    public void sendAudio(String json, int audioMs) {
        sender.sendAudio(List.of(json), audioMs, null);
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close((short) 1000, "call ended");
        }
    }
}
