package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.media.AudioCut;
import dev.switchboard.gateway.realtime.AgentLeg;
import dev.switchboard.gateway.realtime.SessionUpdates;
import dev.switchboard.gateway.resume.RestoredConversation;
import dev.switchboard.gateway.resume.Resumption;
import dev.switchboard.gateway.tools.ToolRegistry;
import io.quarkus.logging.Log;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The call's Realtime session: configured once the socket is open and the call's context is known, ready once the
 * server has answered; what the call sends before that waits, in order, in a bounded buffer.
 */
final class AgentSession implements AgentChannel {

    private final String callSid;
    private final CallLifecycle lifecycle;
    private final ToolRegistry tools;
    private final CallEventPublisher publish;
    private final ConversationLog conversation;
    private final Runnable onReady;
    private final PreSessionBuffer pending;
    private AgentConfig config;
    private AgentLeg agent;
    private CallContext callContext;
    private boolean contextResolved;
    private boolean updateSent;
    private boolean acknowledged;
    private boolean ready;
    private boolean reopened;
    private AgentConfig sentEarly;
    private final String resumptionLine;
    private Resumption resumption;
    private boolean awaitingResumption;
    private boolean pinned;
    /** Answering-machine detection holds the greeting until the answer is known. */
    private boolean openingHeld;
    private boolean openingSaid;

    /** {@code onReady} runs each time a session becomes ready. */
    AgentSession(String callSid, AgentConfig config, CallLifecycle lifecycle, CallServices services,
                 CallEventPublisher publish, ConversationLog conversation, Runnable onReady) {
        this.callSid = callSid;
        this.config = config;
        this.lifecycle = lifecycle;
        this.tools = services.tools();
        this.publish = publish;
        this.conversation = conversation;
        this.onReady = onReady;
        this.pending = new PreSessionBuffer(services.config().limits().preSessionAudioMs());
        this.resumptionLine = services.config().resume().line();
    }

    @Override
    public AgentConfig config() {
        return config;
    }

    /** The call's variables from its context; empty until the context is known or when there is none. */
    Map<String, String> variables() {
        return callContext == null ? Map.of() : callContext.variableTexts();
    }

    /**
     * The call's context named its profile: the call runs on {@code profile} (resolved once, now, before the session
     * is configured) and keeps that version to its end, whatever changes later.
     */
    void profileResolved(AgentConfig profile) {
        if (!updateSent && !pinned) {
            config = profile;
        }
    }

    /** The call is resuming: the session waits for its conversation before it is configured. */
    void awaitResumption() {
        awaitingResumption = true;
    }

    /**
     * The resumed call's conversation is known: the call keeps the profile version it ran on (when it is known), and
     * the session gets the conversation back instead of a greeting.
     */
    void resumed(Resumption found) {
        awaitingResumption = false;
        resumption = found;
        if (found.config() != null && !updateSent) {
            config = found.config();
            pinned = true;
        }
        configureWhenPossible();
        readyWhenPossible();
    }

    void contextResolved(Optional<CallContext> found) {
        callContext = found.orElse(null);
        contextResolved = true;
        configureWhenPossible();
        readyWhenPossible();
    }

    /**
     * The session was opened at /twiml and configured there with {@code sent} (null: not yet) and no call context. It
     * counts as configured only while that is still the call's config and the call has no context of its own;
     * otherwise the call configures the session itself, voice included, as no audio has been made yet.
     */
    void openedEarly(AgentConfig sent) {
        sentEarly = sent;
    }

    void connected(AgentLeg leg) {
        agent = leg;
        configureWhenPossible();
        readyWhenPossible();
    }

    /** session.updated arrived: the session took the update; said loudly when it did not take μ-law. */
    void updated(String notMuLaw) {
        if (notMuLaw != null) {
            Log.errorf("the Realtime session reports %s audio where Twilio needs μ-law (audio/pcmu): "
                    + "the caller will hear noise", notMuLaw);
            publish.error("The Realtime session is not using μ-law audio (" + notMuLaw + ")");
        }
        acknowledged();
    }

    /** session.created or session.updated arrived. */
    void acknowledged() {
        acknowledged = true;
        readyWhenPossible();
    }

    @Override
    public void appendAudio(String base64Audio, int bytes) {
        if (ready) {
            agent.appendAudio(base64Audio, bytes / 8);
        } else {
            pending.audio(base64Audio, bytes);
        }
    }

    @Override
    public void createResponse() {
        send(AgentLeg::createResponse);
    }

    @Override
    public void createResponse(String instructions) {
        send(leg -> leg.createResponse(instructions));
    }

    @Override
    public void createFiller() {
        send(AgentLeg::createFiller);
    }

    @Override
    public void sendToolOutput(String callId, String output) {
        send(leg -> leg.sendToolOutput(callId, output));
    }

    @Override
    public void sendUserText(String text) {
        send(leg -> leg.sendUserText(text));
    }

    @Override
    public void cancelResponse() {
        if (agent != null) {
            agent.cancelResponse();
        }
    }

    @Override
    public void truncate(AudioCut cut) {
        if (agent != null) {
            agent.truncate(cut.itemId(), cut.audioEndMs());
        }
    }

    private void send(Consumer<AgentLeg> event) {
        if (ready) {
            event.accept(agent);
        } else {
            pending.other(event);
        }
    }

    /** The greeting waits for {@link #releaseOpening()}; what the caller said so far is dropped, not buffered. */
    void holdOpening() {
        openingHeld = true;
        pending.clear();
    }

    /** The greeting (or the recording disclosure) goes out now, or once the session is ready. */
    void releaseOpening() {
        openingHeld = false;
        if (ready && opening()) {
            String disclosure = disclosure();
            agent.createResponse(disclosure != null ? OpeningLines.disclosure(disclosure, greeting())
                    : OpeningLines.greeting(greeting()));
        }
    }

    /** The socket failed; the next one gets the config again and the conversation replayed. */
    void lost() {
        if (agent != null) {
            agent.close();
        }
        agent = null;
        updateSent = false;
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
        if (agent == null || !contextResolved || awaitingResumption || updateSent || lifecycle.ended()) {
            return;
        }
        if (callContext != null || !config.equals(sentEarly)) {
            updateSession(true);
        }
        sentEarly = null;
        updateSent = true;
        readyWhenPossible();
    }

    private void readyWhenPossible() {
        if (ready || agent == null || !contextResolved || awaitingResumption || !updateSent || !acknowledged
                || lifecycle.ended()) {
            return;
        }
        ready = true;
        onReady.run();
        if (reopened) {
            conversation.replayTo(agent);
        }
        boolean answerOwed = !reopened && resumption != null && RestoredConversation.restore(resumption, agent,
                (caller, text) -> {
                    if (caller) {
                        conversation.caller(text);
                    } else {
                        conversation.agent(text);
                    }
                });
        boolean fresh = opening();
        // A recorded call's disclosure goes out before the early audio, so no caller turn can get a response first.
        String disclosure = fresh ? disclosure() : null;
        if (disclosure != null) {
            agent.createResponse(OpeningLines.disclosure(disclosure, greeting()));
        }
        int dropped = pending.flushTo(agent);
        if (dropped > 0) {
            Log.warnf("%d early audio frames dropped: the session took too long to open", dropped);
        }
        String greeting = greeting();
        if (fresh && disclosure == null && greeting != null) {
            agent.createResponse(OpeningLines.greeting(greeting));
        } else if (!reopened && resumption != null && resumption.agentCut()) {
            agent.createResponse(RestoredConversation.cutInstructions(resumptionLine));
        } else if (!reopened && answerOwed) {
            agent.createResponse();
        }
    }

    /**
     * Whether the call's opening is due now (and, if so, counts it as said): a call's first words, unless it resumes
     * a conversation or answering-machine detection holds them.
     */
    private boolean opening() {
        if (openingSaid || openingHeld || resumption != null || (disclosure() == null && greeting() == null)) {
            return false;
        }
        openingSaid = true;
        return true;
    }

    /** The config's greeting with the call's variables filled in; null when there is none. */
    private String greeting() {
        String greeting = config.greeting();
        if (greeting == null || greeting.isBlank()) {
            return null;
        }
        return callContext == null ? greeting : SessionUpdates.fill(greeting, callContext.variableTexts());
    }

    /** What a recorded call must say first; null when the call does not record or the config turned it off. */
    private String disclosure() {
        if (callContext == null || !callContext.records() || config.disclosure().isEmpty()) {
            return null;
        }
        return config.disclosure();
    }

    private void updateSession(boolean withVoice) {
        agent.updateSession(config, callContext, tools.offered(config), withVoice);
    }
}
