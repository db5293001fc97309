package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.ClientEvents;
import dev.switchboard.gateway.realtime.SessionAudioCheck;
import dev.switchboard.gateway.realtime.SessionUpdates;
import dev.switchboard.gateway.session.AgentConfig;
import dev.switchboard.gateway.session.CallContext;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Optional;

/**
 * The call's Realtime session: configured once the socket is open and the call's context is known, ready once the
 * server has answered; what the call sends before that waits, in order, in a bounded buffer.
 */
final class AgentSession {

    private final CallBridge call;
    private final PreSessionBuffer pending;
    private final String voice;
    private AgentConfig config;
    private AgentLeg agent;
    private CallContext callContext;
    private boolean contextResolved;
    private boolean updateSent;
    /** The config changed after session.update was sent but before OpenAI acknowledged it. */
    private boolean updateOutdated;
    private boolean acknowledged;
    private boolean ready;
    private boolean reopened;

    AgentSession(CallBridge call, AgentConfig config) {
        this.call = call;
        this.config = config;
        this.voice = config.voice();
        this.pending = new PreSessionBuffer(call.services.config().limits().preSessionAudioMs());
    }

    AgentConfig config() {
        return config;
    }

    /** The call's variables from its context; empty until the context is known or when there is none. */
    Map<String, String> variables() {
        return callContext == null ? Map.of() : callContext.variables();
    }

    void contextResolved(Optional<CallContext> found) {
        callContext = found.orElse(null);
        contextResolved = true;
        configureWhenPossible();
    }

    void connected(AgentLeg leg) {
        agent = leg;
        configureWhenPossible();
    }

    /** session.updated arrived: the session took the update; said loudly when it did not take μ-law. */
    void updated(JsonObject session) {
        String wrong = SessionAudioCheck.notMuLaw(session);
        if (wrong != null) {
            Log.errorf("[call=%s] the Realtime session reports %s audio where Twilio needs μ-law (audio/pcmu): "
                    + "the caller will hear noise", call.callSid(), wrong);
            call.publish.error("The Realtime session is not using μ-law audio (" + wrong + ")");
        }
        acknowledged();
    }

    /** session.created or session.updated arrived. */
    void acknowledged() {
        acknowledged = true;
        readyWhenPossible();
    }

    void sendAudio(String append, int bytes) {
        if (ready) {
            agent.sendAudio(append, bytes / 8);
        } else {
            pending.audio(append, bytes);
        }
    }

    void send(String json) {
        if (ready) {
            agent.send(json);
        } else {
            pending.other(json);
        }
    }

    /** Sends at once if the socket is open, skipping the buffer (barge-in messages are about audio sent already). */
    void sendNow(String json) {
        if (agent != null) {
            agent.send(json);
        }
    }

    /** A live config change: same session, new instructions and tools (the voice cannot change). */
    void update(AgentConfig updated) {
        config = new AgentConfig(updated.version(), updated.instructions(), voice, updated.greeting(),
                updated.turnDetection(), updated.transcription(), updated.tools());
        if (ready) {
            agent.send(sessionUpdate(false));
        } else if (updateSent) {
            // Sent on acknowledgement: a change in this window would otherwise never reach the session.
            updateOutdated = true;
        }
    }

    /** The socket failed; the next one gets the config again and the conversation replayed. */
    void lost() {
        call.responses.lost();
        if (agent != null) {
            agent.close();
        }
        agent = null;
        updateSent = false;
        updateOutdated = false;
        acknowledged = false;
        ready = false;
        reopened = true;
    }

    void close() {
        pending.clear();
        if (agent != null) {
            agent.close();
        }
    }

    private void configureWhenPossible() {
        if (agent == null || !contextResolved || updateSent || call.ended()) {
            return;
        }
        agent.send(sessionUpdate(true));
        updateSent = true;
        readyWhenPossible();
    }

    private void readyWhenPossible() {
        if (ready || !updateSent || !acknowledged || call.ended()) {
            return;
        }
        ready = true;
        call.connection.healthy();
        if (updateOutdated) {
            updateOutdated = false;
            agent.send(sessionUpdate(false));
        }
        if (reopened) {
            call.conversation.replay().forEach(agent::send);
        }
        int dropped = pending.flushTo(agent::send);
        if (dropped > 0) {
            Log.warnf("[call=%s] %d early audio frames dropped: the session took too long to open",
                    call.callSid(), dropped);
        }
        String greeting = config.greeting();
        if (!reopened && greeting != null && !greeting.isBlank()) {
            String text = callContext == null ? greeting : SessionUpdates.fill(greeting, callContext.variables());
            agent.send(ClientEvents.responseWithInstructions(
                    "Greet the caller now by saying exactly this, then wait for their answer: " + text));
        }
    }

    private String sessionUpdate(boolean withVoice) {
        return SessionUpdates.build(config, callContext, call.services.tools().offered(config),
                call.services.config().openai().model(), withVoice);
    }
}
