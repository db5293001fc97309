package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.AgentEvents;
import dev.switchboard.gateway.realtime.RealtimeListener;
import dev.switchboard.gateway.realtime.TokenUsage;
import io.quarkus.logging.Log;

/** One Realtime socket's events, moved onto the call's loop and passed on only while that socket is the current one. */
final class SocketEvents implements RealtimeListener {

    private final AgentConnection connection;
    private final int attempt;
    private final String callSid;
    private final AgentEvents to;
    private final CallLoop loop;

    SocketEvents(AgentConnection connection, int attempt, String callSid, AgentEvents to, CallLoop loop) {
        this.connection = connection;
        this.attempt = attempt;
        this.callSid = callSid;
        this.to = to;
        this.loop = loop;
    }

    /** Written out, not through {@link #onLoop}: it comes many times a second, and so costs one closure, not two. */
    @Override
    public void agentAudio(String responseId, String itemId, String delta) {
        loop.execute(() -> {
            if (connection.current(attempt)) {
                to.agentAudio(responseId, itemId, delta);
            }
        });
    }

    @Override
    public void sessionCreated() {
        onLoop(to::sessionCreated);
    }

    @Override
    public void sessionUpdated(String notMuLaw) {
        onLoop(() -> to.sessionUpdated(notMuLaw));
    }

    @Override
    public void speechStarted() {
        onLoop(to::speechStarted);
    }

    @Override
    public void speechStopped() {
        onLoop(to::speechStopped);
    }

    @Override
    public void responseCreated() {
        onLoop(to::responseCreated);
    }

    @Override
    public void responseDone(TokenUsage usage) {
        onLoop(() -> to.responseDone(usage));
    }

    @Override
    public void agentTranscript(String text, boolean isFinal, String itemId) {
        onLoop(() -> to.agentTranscript(text, isFinal, itemId));
    }

    @Override
    public void callerTranscript(String text, String itemId) {
        onLoop(() -> to.callerTranscript(text, itemId));
    }

    @Override
    public void functionCall(String name, String callId, String arguments) {
        onLoop(() -> to.functionCall(name, callId, arguments));
    }

    @Override
    public void error(String code, String message, boolean refusedSessionUpdate) {
        onLoop(() -> to.error(code, message, refusedSessionUpdate));
    }

    @Override
    public void onClosed(int code, String reason) {
        onLoop(() -> {
            Log.warnf("Realtime socket closed (%d)", code);
            connection.lost(EndReason.OPENAI_CLOSED);
        });
    }

    @Override
    public void onFailure(Throwable failure) {
        onLoop(() -> {
            Log.warnf("Realtime socket failed: %s", failure.getMessage());
            connection.lost(EndReason.OPENAI_ERROR);
        });
    }

    private void onLoop(Runnable event) {
        loop.execute(() -> {
            if (connection.current(attempt)) {
                event.run();
            }
        });
    }
}
