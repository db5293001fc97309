package dev.switchboard.gateway.realtime;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.sockets.BoundedSender;
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
    private final String model;

    RealtimeSocket(WebSocket socket, String callSid, String model, RealtimeListener listener, int maxInFlightChars,
                   int maxQueuedAudioMs, Runnable countDrop) {
        this.socket = socket;
        this.model = model;
        this.sender = new BoundedSender(this::write, maxInFlightChars, maxQueuedAudioMs, countDrop);
        FlushBatching.enable(socket);
        socket.textMessageHandler(text -> {
            AudioDelta audio = AudioDelta.readOrNull(text);
            if (audio != null) {
                listener.agentAudio(audio.responseId(), audio.itemId(), audio.delta());
                return;
            }
            JsonObject event;
            try {
                event = new JsonObject(text);
            } catch (DecodeException e) {
                Log.warnf("[call=%s] dropped a Realtime message that is not a JSON object", callSid);
                return;
            }
            ServerEvents.dispatch(callSid, event, listener);
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
    public void appendAudio(String base64Audio, int audioMs) {
        sender.sendAudio(List.of(ClientEvents.append(base64Audio)), audioMs, null);
    }

    @Override
    public void appendHeldAudio(String base64Audio) {
        sender.send(ClientEvents.append(base64Audio));
    }

    @Override
    public void updateSession(AgentConfig config, CallContext context, List<JsonObject> tools, boolean withVoice) {
        sender.send(SessionUpdates.build(config, context, tools, model, withVoice));
    }

    @Override
    public void createResponse() {
        sender.send(ClientEvents.RESPONSE_CREATE);
    }

    @Override
    public void createResponse(String instructions) {
        sender.send(ClientEvents.responseWithInstructions(instructions));
    }

    @Override
    public void createFiller() {
        sender.send(ClientEvents.filler());
    }

    @Override
    public void cancelResponse() {
        sender.send(ClientEvents.RESPONSE_CANCEL);
    }

    @Override
    public void truncate(String itemId, long audioEndMs) {
        sender.send(ClientEvents.truncate(itemId, audioEndMs));
    }

    @Override
    public void sendToolOutput(String callId, String output) {
        sender.send(ClientEvents.functionCallOutput(callId, output));
    }

    @Override
    public void sendUserText(String text) {
        sender.send(ClientEvents.userText(text));
    }

    @Override
    public void restoreTurn(boolean caller, String text) {
        sender.send(ClientEvents.historyItem(caller, text));
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close((short) 1000, "call ended");
        }
    }
}
