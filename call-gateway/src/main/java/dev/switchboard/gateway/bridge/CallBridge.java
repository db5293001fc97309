package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.media.TwilioFrames;
import dev.switchboard.gateway.realtime.ClientEvents;
import dev.switchboard.gateway.realtime.SessionUpdates;
import dev.switchboard.gateway.session.AgentConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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
public final class CallBridge {

    /** One second of μ-law per media frame of a recorded goodbye. */
    private static final int GOODBYE_CHUNK_BYTES = 8000;

    final CallStart start;
    final CallServices services;
    final CallEventPublisher publish;
    final Playback playback = new Playback();
    final ToolRunner tools;
    final Responses responses;
    final Farewell farewell;
    final Transfer transfer;
    final AgentSession session;
    final AgentConnection connection;
    final ConversationLog conversation;
    private final TwilioLeg twilio;
    private final Context context;
    private final Thread loop;
    private final CallBridges registry;
    private final long startedAt = System.nanoTime();
    private boolean ended;
    private long speechStoppedAt;
    private String goodbyeMark;
    private EndReason goodbyeReason;
    private long goodbyeTimer = -1;
    private boolean callerSpeaking;

    CallBridge(CallStart start, TwilioLeg twilio, AgentConfig config, CallServices services, CallBridges registry) {
        this.start = start;
        this.twilio = twilio;
        this.services = services;
        this.registry = registry;
        this.context = Vertx.currentContext();
        this.loop = Thread.currentThread();
        this.publish = new CallEventPublisher(services.events(), start.callSid());
        this.tools = new ToolRunner(this);
        this.responses = new Responses(this);
        this.farewell = new Farewell(this);
        this.transfer = new Transfer(this);
        this.session = new AgentSession(this, config);
        this.connection = new AgentConnection(this);
        this.conversation = new ConversationLog(services.config().openai().replayMaxChars());
    }

    public String callSid() {
        return start.callSid();
    }

    public String streamSid() {
        return start.streamSid();
    }

    Vertx vertx() {
        return context.owner();
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
                .subscribe().with(found -> execute(() -> session.contextResolved(found)));
        connection.open();
    }

    /** Twilio media: caller audio goes to OpenAI as the same base64 string, or waits for the session. */
    public void onCallerAudio(String payload) {
        if (ended || goodbyeMark != null || transfer.underWay()) {
            return;
        }
        if (payload == null || payload.length() > services.config().limits().maxMediaPayloadChars()
                || !Base64Text.valid(payload)) {
            services.metrics().frameDropped();
            Log.debugf("[call=%s] dropped a media frame with a missing, oversized or non-base64 payload", callSid());
            return;
        }
        services.metrics().frameIn();
        session.sendAudio(ClientEvents.append(payload), Base64Text.decodedBytes(payload));
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
            connection.rotateIfDueAndQuiet();
        }
    }

    /** Twilio dtmf: the model hears about the key as a short user message and answers. */
    public void onDtmf(String digit) {
        if (ended || transfer.underWay()) {
            return;
        }
        Log.debugf("[call=%s] caller pressed a key", callSid());
        session.send(ClientEvents.userText("The caller pressed the key " + digit + " on their phone keypad."));
        responses.ask();
    }

    /** Agent audio to the caller, then a mark so Twilio tells us when it has played. */
    void onAgentAudio(String responseId, String itemId, String delta) {
        if (ended || goodbyeMark != null || transfer.underWay() || itemId == null
                || playback.wasCut(responseId, itemId)) {
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

    void onCallerTranscript(String text, String itemId) {
        conversation.caller(text);
        publish.callerTranscript(text, itemId);
    }

    void onAgentTranscript(String text, boolean isFinal, String itemId) {
        if (isFinal) {
            conversation.agent(text);
        }
        publish.agentTranscript(text, isFinal, itemId);
    }

    void onSpeechStopped() {
        callerSpeaking = false;
        speechStoppedAt = System.nanoTime();
    }

    /** A pause: no response in progress, no agent audio left to play, the caller silent, no tool at work. */
    boolean quiet() {
        return responses.idle() && playback.outstanding() == 0 && !callerSpeaking && tools.idle();
    }

    void onResponseDone() {
        responses.done();
        farewell.check();
        connection.rotateIfDueAndQuiet();
    }

    /** The caller started talking: stop the agent's audio where the caller stopped hearing it. */
    void onSpeechStarted() {
        callerSpeaking = true;
        Playback.Cut cut = playback.interrupt();
        if (cut == null || ended) {
            return;
        }
        twilio.discardQueuedAudio();
        twilio.send(TwilioFrames.clear(streamSid()));
        // Without the server's own interruption the response is still generating: stop it before cutting its item.
        if (!SessionUpdates.interruptsOnSpeech(session.config())) {
            session.sendNow(ClientEvents.RESPONSE_CANCEL);
        }
        session.sendNow(ClientEvents.truncate(cut.itemId(), cut.audioEndMs()));
        services.metrics().bargeIn();
        publish.interrupted(cut.itemId(), cut.audioEndMs());
        Log.debugf("[call=%s] barge-in: agent audio cut at %d ms", callSid(), cut.audioEndMs());
        farewell.check();
    }

    /**
     * Stops the agent mid-word: Twilio drops what it has buffered, the model's response is cancelled and its item cut
     * where the caller stopped hearing it (if the transfer fails, the model knows what was not said).
     */
    void silenceAgent() {
        Playback.Cut cut = playback.interrupt();
        twilio.discardQueuedAudio();
        twilio.send(TwilioFrames.clear(streamSid()));
        session.sendNow(ClientEvents.RESPONSE_CANCEL);
        if (cut != null) {
            session.sendNow(ClientEvents.truncate(cut.itemId(), cut.audioEndMs()));
        }
    }

    /** control-api is transferring the call: silence the agent and wait for Twilio to end the stream. */
    public void transferOrdered() {
        transfer.ordered();
    }

    /** control-api could not transfer the call: it stays with the agent. */
    public void transferFailed(String reason) {
        transfer.failed(reason);
    }

    void updateConfig(AgentConfig updated) {
        if (!ended) {
            session.update(updated);
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
        farewell.cancel();
        responses.cancel();
        connection.cancel();
        session.sendNow(ClientEvents.RESPONSE_CANCEL);
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
    public void end(EndReason why) {
        if (ended) {
            return;
        }
        // Once a transfer is under way, Twilio ending the stream is the transfer happening, not a hang-up.
        EndReason reason = transfer.underWay() && (why == EndReason.TWILIO_STOP || why == EndReason.TWILIO_CLOSED)
                ? EndReason.TRANSFERRED : why;
        ended = true;
        farewell.cancel();
        responses.cancel();
        transfer.cancel();
        if (goodbyeTimer >= 0) {
            vertx().cancelTimer(goodbyeTimer);
        }
        connection.cancel();
        session.close();
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

    /** The call's variables from its context; empty until the context is known or when there is none. */
    Map<String, String> variables() {
        return session.variables();
    }
}
