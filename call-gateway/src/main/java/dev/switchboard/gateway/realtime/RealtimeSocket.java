package dev.switchboard.gateway.realtime;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.sockets.BoundedSender;
import dev.switchboard.gateway.sockets.FlushBatching;
import dev.switchboard.gateway.sockets.TextMessages;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One call's Realtime socket: JSON text events in, JSON text events out through a bounded queue. Audio both ways
 * stays bytes ({@link RealtimeAudioCodec}); every other event is read as a whole.
 */
final class RealtimeSocket implements AgentLeg {

    /** The client's limit on one message (RealtimeConnector's options), kept when messages are joined here. */
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final WebSocket socket;
    private final BoundedSender sender;
    private final String model;
    private final String callSid;
    private final RealtimeListener listener;
    private final RealtimeAudioCodec audio = new RealtimeAudioCodec();

    RealtimeSocket(WebSocket socket, String callSid, String model, RealtimeListener listener, int maxInFlightChars,
                   int maxQueuedAudioMs, Runnable countDrop) {
        this.socket = socket;
        this.model = model;
        this.callSid = callSid;
        this.listener = listener;
        this.sender = new BoundedSender(this::write, maxInFlightChars, maxQueuedAudioMs, countDrop);
        FlushBatching.enable(socket);
        TextMessages.receive(socket, MAX_MESSAGE_BYTES, this::onEvent,
                data -> CallMdc.run(callSid, () -> Log.debug("dropped a binary Realtime message")),
                listener::onFailure);
        socket.exceptionHandler(listener::onFailure);
        socket.closeHandler(ignored -> listener.onClosed(
                socket.closeStatusCode() == null ? 1006 : socket.closeStatusCode(), socket.closeReason()));
    }

    private void onEvent(Buffer bytes) {
        AudioDelta delta = audio.read(bytes);
        if (delta != null) {
            listener.agentAudio(delta.responseId(), delta.itemId(), delta.delta());
            return;
        }
        onOtherEvent(bytes.toString());
    }

    /** Every event but a plain audio delta, read as before the byte path: an unusual delta is one of them. */
    private void onOtherEvent(String text) {
        AudioDelta delta = AudioDelta.readOrNull(text);
        if (delta != null) {
            listener.agentAudio(delta.responseId(), delta.itemId(), delta.delta());
            return;
        }
        JsonObject event;
        try {
            event = new JsonObject(text);
        } catch (DecodeException e) {
            CallMdc.run(callSid, () -> Log.warn("dropped a Realtime message that is not a JSON object"));
            return;
        }
        ServerEvents.dispatch(callSid, event, listener);
    }

    private void write(Buffer json, Runnable done) {
        if (socket.isClosed()) {
            done.run();
        } else {
            TextMessages.write(socket, json).onComplete(ignored -> done.run());
        }
    }

    @Override
    public void appendAudio(String base64Audio, int audioMs) {
        sender.sendAudio(List.of(RealtimeAudioCodec.append(base64Audio)), audioMs, null);
    }

    @Override
    public void appendHeldAudio(String base64Audio) {
        sender.send(RealtimeAudioCodec.append(base64Audio));
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
    public void restoreFunctionCall(String name, String callId, String arguments) {
        sender.send(ClientEvents.functionCallItem(name, callId, arguments));
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close((short) 1000, "call ended");
        }
    }
}
