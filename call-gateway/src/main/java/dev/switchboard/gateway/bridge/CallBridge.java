package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.media.TwilioFrames;
import dev.switchboard.gateway.realtime.ClientEvents;
import dev.switchboard.gateway.realtime.RealtimeListener;
import dev.switchboard.gateway.realtime.SessionUpdates;
import dev.switchboard.gateway.session.AgentConfig;
import dev.switchboard.gateway.session.CallContext;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call: owns the Twilio leg and the OpenAI leg and all the call's state. Every method runs on the event loop of
 * the caller's socket (OpenAI callbacks and outside requests are moved onto it), so nothing here needs a lock.
 */
public final class CallBridge implements RealtimeListener {

    /** One second of μ-law per media frame of a recorded goodbye. */
    private static final int GOODBYE_CHUNK_BYTES = 8000;

    final CallStart start;
    final CallServices services;
    final CallEventPublisher publish;
    private final TwilioLeg twilio;
    private final Context context;
    private final Thread loop;
    private final CallBridges registry;
    private final long startedAt = System.nanoTime();
    final Playback playback = new Playback();
    private final PreSessionBuffer pending;
    final ToolRunner tools;
    final Farewell farewell;
    AgentConfig config;
    private final String voice;
    AgentLeg agent;
    private CallContext callContext;
    private boolean contextResolved;
    private boolean updateSent;
    private boolean sessionAcked;
    private boolean ready;
    private boolean ended;
    private long speechStoppedAt;
    private String goodbyeMark;
    private EndReason goodbyeReason;
    private long goodbyeTimer = -1;

    CallBridge(CallStart start, TwilioLeg twilio, AgentConfig config, CallServices services, CallBridges registry) {
        this.start = start;
        this.twilio = twilio;
        this.config = config;
        this.voice = config.voice();
        this.services = services;
        this.registry = registry;
        this.context = Vertx.currentContext();
        this.loop = Thread.currentThread();
        this.publish = new CallEventPublisher(services.events(), start.callSid());
        this.pending = new PreSessionBuffer(services.config().limits().preSessionAudioMs());
        this.tools = new ToolRunner(this);
        this.farewell = new Farewell(this);
    }

    public String callSid() {
        return start.callSid();
    }

    Vertx vertx() {
        return context.owner();
    }

    public String streamSid() {
        return start.streamSid();
    }

    /** Runs the task on this call's event loop (directly when already there). */
    public void execute(Runnable task) {
        if (Thread.currentThread() == loop) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    void begin() {
        services.metrics().callStarted();
        publish.started(start);
        Log.infof("[call=%s] media stream %s started", callSid(), streamSid());
        services.contexts().lookup(callSid())
                .ifNoItem().after(services.config().limits().contextLookupTimeout()).recoverWithItem(Optional.empty())
                .onFailure().recoverWithItem(Optional.empty())
                .subscribe().with(found -> execute(() -> contextResolved(found)));
        services.connector().connect(callSid(), this).onComplete(result -> execute(() -> connected(result)));
    }

    private void contextResolved(Optional<CallContext> found) {
        callContext = found.orElse(null);
        contextResolved = true;
        sendSessionUpdateWhenPossible();
    }

    private void connected(AsyncResult<AgentLeg> result) {
        if (result.failed()) {
            Log.errorf("[call=%s] could not open the Realtime session: %s", callSid(), result.cause().getMessage());
            end(EndReason.OPENAI_UNAVAILABLE);
        } else if (ended) {
            result.result().close();
        } else {
            agent = result.result();
            sendSessionUpdateWhenPossible();
        }
    }

    private void sendSessionUpdateWhenPossible() {
        if (agent == null || !contextResolved || updateSent || ended) {
            return;
        }
        agent.send(SessionUpdates.build(config, callContext, services.tools().offered(config),
                services.config().openai().model(), true));
        updateSent = true;
        becomeReadyWhenPossible();
    }

    void sessionAcknowledged() {
        sessionAcked = true;
        becomeReadyWhenPossible();
    }

    private void becomeReadyWhenPossible() {
        if (ready || !updateSent || !sessionAcked || ended) {
            return;
        }
        ready = true;
        int dropped = pending.flushTo(agent::send);
        if (dropped > 0) {
            Log.warnf("[call=%s] %d early audio frames dropped: the session took too long to open", callSid(), dropped);
        }
        String greeting = config.greeting();
        if (greeting != null && !greeting.isBlank()) {
            String text = callContext == null ? greeting : SessionUpdates.fill(greeting, callContext.variables());
            agent.send(ClientEvents.responseWithInstructions(
                    "Greet the caller now by saying exactly this, then wait for their answer: " + text));
        }
    }

    /** Twilio media: caller audio goes to OpenAI as the same base64 string, or waits for the session. */
    public void onCallerAudio(String payload) {
        if (ended || goodbyeMark != null) {
            return;
        }
        if (payload == null || payload.length() > services.config().limits().maxMediaPayloadChars()
                || !Base64Text.valid(payload)) {
            services.metrics().frameDropped();
            Log.debugf("[call=%s] dropped a media frame with a missing, oversized or non-base64 payload", callSid());
            return;
        }
        services.metrics().frameIn();
        String append = ClientEvents.append(payload);
        int bytes = Base64Text.decodedBytes(payload);
        if (ready) {
            agent.sendAudio(append, bytes / 8);
        } else {
            pending.audio(append, bytes);
        }
    }

    /** Twilio mark echo. */
    public void onMark(String name) {
        if (goodbyeMark != null) {
            if (goodbyeMark.equals(name)) {
                end(goodbyeReason);
            }
            return;
        }
        if (!ended && playback.echoed(name)) {
            farewell.check();
        }
    }

    /** Twilio dtmf: the model hears about the key as a short user message and answers. */
    public void onDtmf(String digit) {
        if (ended) {
            return;
        }
        Log.debugf("[call=%s] caller pressed a key", callSid());
        sendToAgent(ClientEvents.userText("The caller pressed the key " + digit + " on their phone keypad."));
        sendToAgent(ClientEvents.RESPONSE_CREATE);
    }

    /** Sends now when the session is ready, else after the early audio once it is. */
    void sendToAgent(String json) {
        if (ready) {
            agent.send(json);
        } else {
            pending.other(json);
        }
    }

    /** Agent audio to the caller, then a mark so Twilio tells us when it has played. */
    void onAgentAudio(String responseId, String itemId, String delta) {
        if (ended || goodbyeMark != null || itemId == null || playback.wasCut(responseId, itemId)) {
            return;
        }
        if (!Base64Text.valid(delta)) {
            Log.warnf("[call=%s] dropped an agent audio delta that is not base64", callSid());
            return;
        }
        int bytes = Base64Text.decodedBytes(delta);
        String mark = playback.audioSent(responseId, itemId, bytes);
        twilio.sendAudio(List.of(TwilioFrames.media(streamSid(), delta), TwilioFrames.mark(streamSid(), mark)),
                bytes / 8, () -> {
                    if (playback.dropped(mark) && goodbyeMark == null) {
                        farewell.check();
                    }
                });
        services.metrics().frameOut();
        if (speechStoppedAt != 0) {
            long latency = System.nanoTime() - speechStoppedAt;
            speechStoppedAt = 0;
            services.metrics().turnLatency(latency);
            publish.metrics(latency / 1_000_000);
        }
    }

    void onSpeechStopped() {
        speechStoppedAt = System.nanoTime();
    }

    /** The caller started talking: stop the agent's audio where the caller stopped hearing it. */
    void onSpeechStarted() {
        Playback.Cut cut = playback.interrupt();
        if (cut == null || ended) {
            return;
        }
        twilio.discardQueuedAudio();
        twilio.send(TwilioFrames.clear(streamSid()));
        agent.send(ClientEvents.truncate(cut.itemId(), cut.audioEndMs()));
        if (!SessionUpdates.interruptsOnSpeech(config)) {
            agent.send(ClientEvents.RESPONSE_CANCEL);
        }
        services.metrics().bargeIn();
        publish.interrupted(cut.itemId(), cut.audioEndMs());
        Log.debugf("[call=%s] barge-in: agent audio cut at %d ms", callSid(), cut.audioEndMs());
        farewell.check();
    }

    /** A live config change: same session, new instructions and tools (the voice cannot change). */
    void updateConfig(AgentConfig updated) {
        config = new AgentConfig(updated.version(), updated.instructions(), voice, updated.greeting(),
                updated.turnDetection(), updated.transcription(), updated.tools());
        if (ready && !ended) {
            agent.send(SessionUpdates.build(config, callContext, services.tools().offered(config),
                    services.config().openai().model(), false));
        }
    }

    /**
     * Stops the conversation and plays a recorded goodbye (8 kHz μ-law) in place of anything still queued; the
     * call ends when Twilio echoes the mark after it, or after {@code timeout}.
     */
    public void endWithGoodbye(byte[] clip, EndReason reason, Duration timeout) {
        if (ended || goodbyeMark != null) {
            return;
        }
        goodbyeMark = "switchboard-goodbye";
        goodbyeReason = reason;
        pending.clear();
        farewell.cancel();
        if (agent != null && ready) {
            agent.send(ClientEvents.RESPONSE_CANCEL);
        }
        twilio.discardQueuedAudio();
        twilio.send(TwilioFrames.clear(streamSid()));
        for (int from = 0; from < clip.length; from += GOODBYE_CHUNK_BYTES) {
            byte[] chunk = Arrays.copyOfRange(clip, from, Math.min(clip.length, from + GOODBYE_CHUNK_BYTES));
            twilio.send(TwilioFrames.media(streamSid(), Base64.getEncoder().encodeToString(chunk)));
        }
        twilio.send(TwilioFrames.mark(streamSid(), goodbyeMark));
        goodbyeTimer = vertx().setTimer(Math.max(1, timeout.toMillis()), id -> execute(() -> end(reason)));
        Log.infof("[call=%s] saying goodbye (%s)", callSid(), reason.tag);
    }

    /** Ends the call once: closes both legs, forgets the call and reports why. */
    public void end(EndReason reason) {
        if (ended) {
            return;
        }
        ended = true;
        farewell.cancel();
        if (goodbyeTimer >= 0) {
            vertx().cancelTimer(goodbyeTimer);
        }
        pending.clear();
        if (agent != null) {
            agent.close();
        }
        twilio.close(reason.closeCode, reason.tag);
        registry.remove(this);
        long durationMs = (System.nanoTime() - startedAt) / 1_000_000;
        services.metrics().callEnded(reason.tag);
        publish.ended(reason.tag, durationMs);
        Log.infof("[call=%s] ended (%s) after %d ms", callSid(), reason.tag, durationMs);
    }

    /** Whether a recorded goodbye is playing: the conversation is over, the call ends when it has played. */
    boolean sayingGoodbye() {
        return goodbyeMark != null;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void onEvent(JsonObject event) {
        execute(() -> {
            if (!ended) {
                RealtimeEventRouter.route(this, event);
            }
        });
    }

    @Override
    public void onClosed(int code, String reason) {
        execute(() -> {
            if (!ended && goodbyeMark == null) {
                Log.warnf("[call=%s] Realtime socket closed (%d): ending the call", callSid(), code);
                end(EndReason.OPENAI_CLOSED);
            }
        });
    }

    @Override
    public void onFailure(Throwable failure) {
        execute(() -> {
            if (!ended && goodbyeMark == null) {
                Log.errorf("[call=%s] Realtime socket failed: %s", callSid(), failure.getMessage());
                end(EndReason.OPENAI_ERROR);
            }
        });
    }

    /** The call's variables from its context; empty until the context is known or when there is none. */
    Map<String, String> variables() {
        return callContext == null ? Map.of() : callContext.variables();
    }

    Map<String, String> parameters() {
        return start.parameters();
    }
}
