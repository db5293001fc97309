package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.realtime.AgentLeg;
import dev.switchboard.gateway.realtime.RealtimeListener;
import dev.switchboard.gateway.realtime.TokenUsage;
import dev.switchboard.contract.link.AgentConfig;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A call's Realtime session opened when /twiml is answered, while Twilio is still connecting the media stream. Once
 * the socket is open it is configured ({@code session.update}) with the agent config; a call with a context of its
 * own sends that at start, with no round trip to wait for. What the server says is held until the stream claims
 * the session and its call attaches, then replayed to the call in order. Its socket
 * lives on whichever event loop opened it, not the call's, so its state is guarded by this object's lock.
 */
final class EarlySession implements RealtimeListener {

    /** Before the stream starts the server only acknowledges; more than this means something is wrong. */
    private static final int MAX_HELD_EVENTS = 64;

    /** Configures the open socket with the config, as a call without a context of its own would. */
    interface Configure {
        void send(AgentLeg leg, AgentConfig config);
    }

    private final String callSid;
    private final AgentConfig config;
    private final Configure configure;
    private final Consumer<EarlySession> gone;
    private final ArrayDeque<Consumer<RealtimeListener>> held = new ArrayDeque<>();
    private AgentLeg leg;
    private Throwable failure;
    private AgentConfig configuredWith;
    private Consumer<AsyncResult<AgentLeg>> whenConnected;
    private RealtimeListener target;
    private boolean claimed;
    private boolean closed;
    private long holdTimer = -1;

    /** {@code gone} runs once if the session dies before a stream claims it (it is then no use to anyone). */
    EarlySession(String callSid, AgentConfig config, Configure configure, Consumer<EarlySession> gone) {
        this.callSid = callSid;
        this.config = config;
        this.configure = configure;
        this.gone = gone;
    }

    synchronized void holdTimer(long id) {
        holdTimer = id;
    }

    synchronized long holdTimer() {
        return holdTimer;
    }

    /** The socket opened, or could not. */
    synchronized void opened(AsyncResult<AgentLeg> result) {
        if (result.failed()) {
            failure = result.cause();
            CallMdc.run(callSid, () -> Log.infof(
                    "early Realtime session failed to open (%s): the stream will open its own", failure.getMessage()));
            dieUnclaimed();
        } else if (closed) {
            result.result().close();
            return;
        } else {
            leg = result.result();
            configureIfPossible();
        }
        handOverIfAttached();
    }

    /** The stream has started: from now on the call configures the session; false if this one is already dead. */
    synchronized boolean claim() {
        if (closed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** The config sent in {@code session.update} before the claim, or null when none was sent. */
    synchronized AgentConfig configuredWith() {
        return configuredWith;
    }

    /**
     * The call takes the session: {@code connected} hears the socket (or its failure) once it is open, then
     * {@code listener} every event held so far, in order, and all that follow.
     */
    synchronized void attach(RealtimeListener listener, Consumer<AsyncResult<AgentLeg>> connected) {
        whenConnected = connected;
        target = listener;
        handOverIfAttached();
    }

    /** Nobody claimed it in time, or the gateway is stopping. */
    synchronized void close() {
        closed = true;
        held.clear();
        if (leg != null) {
            leg.close();
        }
    }

    private void configureIfPossible() {
        if (claimed || closed || leg == null || configuredWith != null) {
            return;
        }
        configure.send(leg, config);
        configuredWith = config;
    }

    private void handOverIfAttached() {
        if (whenConnected == null || (leg == null && failure == null)) {
            return;
        }
        Consumer<AsyncResult<AgentLeg>> connected = whenConnected;
        whenConnected = null;
        connected.accept(failure != null ? Future.failedFuture(failure) : Future.succeededFuture(leg));
        Consumer<RealtimeListener> event;
        while ((event = held.pollFirst()) != null) {
            event.accept(target);
        }
    }

    /** Passes an event on once attached and handed over, else holds it. */
    private synchronized void event(Consumer<RealtimeListener> event) {
        if (closed && !claimed) {
            return;
        }
        if (target != null && whenConnected == null) {
            event.accept(target);
        } else if (held.size() < MAX_HELD_EVENTS) {
            held.addLast(event);
        } else if (!claimed) {
            CallMdc.run(callSid,
                    () -> Log.warn("early Realtime session sent too much before its stream started: closed"));
            dieUnclaimed();
            close();
        }
    }

    /** The socket ended: held for the call if claimed (its call reconnects), else this session is dead. */
    private synchronized void ended(Consumer<RealtimeListener> event) {
        if (claimed) {
            event(event);
        } else if (!closed) {
            CallMdc.run(callSid, () -> Log.info("early Realtime session closed before its stream started"));
            dieUnclaimed();
            close();
        }
    }

    private void dieUnclaimed() {
        if (!claimed && !closed) {
            closed = true;
            gone.accept(this);
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        ended(to -> to.onClosed(code, reason));
    }

    @Override
    public void onFailure(Throwable cause) {
        ended(to -> to.onFailure(cause));
    }

    @Override
    public void sessionCreated() {
        event(RealtimeListener::sessionCreated);
    }

    @Override
    public void sessionUpdated(String notMuLaw) {
        event(to -> to.sessionUpdated(notMuLaw));
    }

    @Override
    public void agentAudio(String responseId, String itemId, String delta) {
        event(to -> to.agentAudio(responseId, itemId, delta));
    }

    @Override
    public void speechStarted() {
        event(RealtimeListener::speechStarted);
    }

    @Override
    public void speechStopped() {
        event(RealtimeListener::speechStopped);
    }

    @Override
    public void responseCreated() {
        event(RealtimeListener::responseCreated);
    }

    @Override
    public void responseDone(TokenUsage usage) {
        event(to -> to.responseDone(usage));
    }

    @Override
    public void agentTranscript(String text, boolean isFinal, String itemId) {
        event(to -> to.agentTranscript(text, isFinal, itemId));
    }

    @Override
    public void callerTranscript(String text, String itemId) {
        event(to -> to.callerTranscript(text, itemId));
    }

    @Override
    public void functionCall(String name, String callId, String arguments) {
        event(to -> to.functionCall(name, callId, arguments));
    }

    @Override
    public void error(String code, String message, boolean refusedSessionUpdate) {
        event(to -> to.error(code, message, refusedSessionUpdate));
    }
}
