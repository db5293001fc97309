package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.media.TwilioLeg;
import dev.switchboard.gateway.realtime.AgentEvents;
import dev.switchboard.gateway.realtime.AgentLeg;
import dev.switchboard.gateway.realtime.TokenUsage;
import dev.switchboard.gateway.resume.Resumption;
import dev.switchboard.gateway.sockets.Base64Text;
import dev.switchboard.gateway.tracing.CallTrace;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.Optional;

/**
 * One call: owns the Twilio leg and the agent's Realtime connection, and the call's {@link CallPhase}. Every method
 * runs on the event loop of the caller's socket (OpenAI callbacks and outside requests are moved onto it), so
 * nothing here needs a lock. The Twilio side calls in through the public methods, the agent's events arrive in
 * {@link FromAgent}.
 */
public final class CallBridge {

    /** Time the apology gets beyond its own length to play and be acknowledged. */
    private static final Duration APOLOGY_SLACK = Duration.ofSeconds(3);
    /** Time a voicemail message gets to play per character of its text (speech runs at about 15 a second). */
    private static final long MESSAGE_MS_PER_CHAR = 100;

    private final CallStart start;
    private final CallServices services;
    private final CallBridges registry;
    private final TwilioLeg twilio;
    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private final CallEventPublisher publish;
    private final ConversationLog conversation;
    private final AgentSession agent;
    private final AgentVoice voice;
    private final Responses responses;
    private final Farewell farewell;
    private final Transfer transfer;
    private final ToolRunner tools;
    private final AgentConnection connection;
    private final CallQuality quality;
    private final CallTrace trace;
    private final CallMove move;
    private final AmdGate amd;
    private final long startedAt = System.nanoTime();
    private TokenUsage usage = TokenUsage.NONE;
    private EndReason goodbyeReason;
    private long goodbyeTimer = -1;
    private boolean announced;

    CallBridge(CallStart start, TwilioLeg twilio, AgentConfig config, CallServices services, CallBridges registry) {
        this.start = start;
        this.twilio = twilio;
        this.services = services;
        this.registry = registry;
        GatewayConfig.Limits limits = services.config().limits();
        String callSid = start.callSid();
        this.loop = new CallLoop(callSid, start.streamSid());
        this.lifecycle = new CallLifecycle(callSid);
        this.trace = services.traces().call(callSid, start.streamSid(), config.profileName());
        this.publish = new CallEventPublisher(services.events(), callSid, trace.traceparent());
        this.conversation = new ConversationLog(services.config().openai().replayMaxChars());
        this.agent = new AgentSession(callSid, config, lifecycle, services, publish, conversation, this::agentReady);
        loop.profile(() -> CallQuality.profile(agent.config()));
        this.responses = new Responses(agent, loop, lifecycle);
        this.farewell = new Farewell(loop, lifecycle, () -> responses.idle() && twilio.unplayed() == 0,
                limits.farewellTimeout());
        this.amd = new AmdGate(loop, lifecycle, publish, services.metrics(), limits.amdTimeout().toMillis(),
                startedAt, new ToAmd());
        this.quality = new CallQuality(services.metrics(), publish, agent::config,
                services.answers().claim(callSid, startedAt));
        this.voice = new AgentVoice(callSid, lifecycle, twilio, agent, farewell, services.metrics(), publish,
                quality);
        this.transfer = new Transfer(callSid, loop, lifecycle, farewell, services.transfers(),
                limits.transferTimeout(), this::silenceAgent, this::end);
        this.tools = new ToolRunner(callSid, loop, lifecycle, agent, agent::variables, responses, farewell, transfer,
                this::end, publish, services, trace);
        this.move = new CallMove(loop, this::quiet, lifecycle::over, () -> end(EndReason.MOVED));
        this.connection = new AgentConnection(callSid, loop, lifecycle, services.connector(),
                services.config().openai(), new FromAgent(), new ToConnection(), quality, trace);
    }

    public String callSid() {
        return start.callSid();
    }

    public String streamSid() {
        return start.streamSid();
    }

    /** Runs the task on this call's event loop (directly when already there). */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** Puts the call's log fields into the MDC until the scope closes; only on the call's loop. */
    public CallMdc.Scope logScope() {
        return loop.logScope();
    }

    /**
     * {@code early} is the session opened for the call when /twiml was answered, or null; a {@code resuming} call's
     * conversation is {@code resumption}, or fetched now when another instance answered /twiml/resume.
     */
    void begin(EarlySession early, boolean resuming, Resumption resumption) {
        services.metrics().callStarted();
        Log.infof("media stream %s started%s%s", streamSid(),
                early == null ? "" : " on its early Realtime session", resuming ? " (resumed)" : "");
        agent.openedEarly(early == null ? null : early.configuredWith());
        if (resuming) {
            amd.resuming();
            agent.awaitResumption();
            if (resumption != null) {
                resumed(resumption);
            } else {
                services.conversations().fetch(callSid()).subscribe().with(held -> loop.execute(
                        () -> resumed(new Resumption(callSid(), held.orElse(null), startedAt))));
            }
        }
        services.contexts().lookup(callSid())
                .ifNoItem().after(services.config().limits().contextLookupTimeout()).recoverWithItem(Optional.empty())
                .onFailure().recoverWithItem(Optional.empty())
                .subscribe().with(found -> loop.execute(() -> contextResolved(found)));
        connection.open(early);
    }

    private void resumed(Resumption resumption) {
        if (lifecycle.ended()) {
            return;
        }
        publish.conversation().continueFrom(resumption.nextIndex());
        agent.resumed(resumption);
        services.metrics().callResumed("resumed");
        publish.resumed(streamSid(), resumption, agent.config());
        if (resumption.held() == null) {
            publish.error("Resumed without the conversation so far: control-api could not be reached");
        }
        Log.infof("resumed with %d conversation item(s) from %s%s", resumption.items().size(),
                resumption.source(), resumption.agentCut() ? ", the agent cut mid-sentence" : "");
    }

    // call.started waits for the context: it reports the profile and version the call runs on, known only now.
    private void contextResolved(Optional<CallContext> found) {
        String named = found.map(CallContext::profile).orElse(null);
        if (named != null) {
            agent.profileResolved(services.configs().forCall(named, start.parameter("to")));
            trace.profile(agent.config().profileName());
        }
        announceStart();
        amd.contextResolved(found);
        agent.contextResolved(found);
    }

    private void announceStart() {
        if (!announced) {
            announced = true;
            publish.started(start, agent.config());
        }
    }

    /** Twilio media: caller audio goes to OpenAI as the same base64 string, or waits for the session. */
    public void onCallerAudio(String payload) {
        if (!lifecycle.conversing() || amd.holdsCaller()) {
            return;
        }
        if (payload == null || payload.length() > services.config().limits().maxMediaPayloadChars()
                || !Base64Text.valid(payload)) {
            services.metrics().frameDropped();
            Log.debug("dropped a media frame with a missing, oversized or non-base64 payload");
            return;
        }
        services.metrics().frameIn();
        agent.appendAudio(payload, Base64Text.decodedBytes(payload));
    }

    /** Twilio mark echo. */
    public void onMark(String name) {
        switch (twilio.echoed(name)) {
            case CLIP_PLAYED -> {
                if (lifecycle.is(CallPhase.SAYING_GOODBYE)) {
                    end(goodbyeReason);
                }
            }
            case AUDIO_PLAYED -> {
                if (!lifecycle.over()) {
                    farewell.check();
                    connection.rotateIfDueAndQuiet();
                }
            }
            case STALE -> { }
        }
    }

    /** Twilio dtmf: the model hears about the key as a short user message and answers. */
    public void onDtmf(String digit) {
        if (!lifecycle.conversing() || amd.holdsCaller()) {
            return;
        }
        Log.debug("caller pressed a key");
        agent.sendUserText("The caller pressed the key " + digit + " on their phone keypad.");
        responses.ask();
    }

    /** Twilio's answering-machine detection answered ({@code call.amd.result}): who picked up. */
    public void amdResult(String answeredBy) {
        amd.result(answeredBy);
    }

    /** control-api is transferring the call: silence the agent and wait for Twilio to end the stream. */
    public void transferOrdered() {
        trace.transferStarted("control-api");
        transfer.ordered();
    }

    /** control-api could not transfer the call: it stays with the agent. */
    public void transferFailed(String reason) {
        trace.transferEnded("failed");
        transfer.failed(reason);
    }

    /**
     * Stops the conversation and plays a recorded goodbye (8 kHz μ-law) in place of anything still queued; the
     * call ends when Twilio echoes the mark after it, or after {@code timeout}.
     */
    public void endWithGoodbye(byte[] clip, EndReason reason, Duration timeout) {
        if (!lifecycle.moveTo(CallPhase.SAYING_GOODBYE)) {
            return;
        }
        goodbyeReason = reason;
        farewell.cancel();
        responses.cancel();
        connection.cancel();
        agent.cancelResponse();
        twilio.playClip(clip);
        goodbyeTimer = loop.setTimer(timeout.toMillis(), () -> end(reason));
        Log.infof("saying goodbye (%s)", reason.tag);
    }

    /** Draining: moves the call to another instance at its next quiet moment, within {@code deadline}. */
    public void moveWhenQuiet(Duration deadline) {
        move.within(deadline.toMillis());
    }

    /** Ends the call once: closes both legs, forgets the call and reports why. */
    public void end(EndReason why) {
        if (lifecycle.ended()) {
            return;
        }
        // Once a transfer is under way, Twilio ending the stream is the transfer happening, not a hang-up.
        EndReason reason = lifecycle.is(CallPhase.TRANSFERRING)
                && (why == EndReason.TWILIO_STOP || why == EndReason.TWILIO_CLOSED) ? EndReason.TRANSFERRED : why;
        lifecycle.moveTo(CallPhase.ENDED);
        if (reason.callOver()) {
            services.ended().ended(callSid(), reason.tag);
        }
        farewell.cancel();
        responses.cancel();
        transfer.cancel();
        amd.cancel();
        loop.cancelTimer(goodbyeTimer);
        connection.cancel();
        agent.close();
        long durationMs = (System.nanoTime() - startedAt) / 1_000_000;
        services.metrics().callEnded(reason.tag);
        if (reason != EndReason.MOVED) {
            // A moved call goes on elsewhere: its end is the resuming instance's to report. Reported before the
            // stream closes: control-api should know before Twilio's request of the <Connect action> asks it.
            announceStart();
            publish.ended(reason.tag, durationMs, usage);
        }
        twilio.close(reason.closeCode, reason.tag);
        registry.remove(this);
        trace.end(reason.tag);
        Log.infof("ended (%s) after %d ms", reason.tag, durationMs);
    }

    /**
     * A pause: no response in progress, no agent audio left to play, the caller silent, no tool at work, and not
     * waiting to learn whether a machine answered (a call moved then would resume without its greeting).
     */
    private boolean quiet() {
        return responses.idle() && twilio.unplayed() == 0 && !voice.callerSpeaking() && tools.idle()
                && !amd.undecided();
    }

    private void agentReady() {
        quality.ready();
        connection.healthy();
        lifecycle.agentReady();
    }

    /** The agent must not speak again unless the transfer fails: what it would say next is dropped too. */
    private void silenceAgent() {
        farewell.cancel();
        responses.cancel();
        voice.silence();
    }

    /** The agent's session went: its socket is closed and its running response forgotten. */
    private void agentGone() {
        responses.lost();
        agent.lost();
    }

    /** What the connection does to the call. */
    private final class ToConnection implements AgentConnection.Call {

        @Override
        public void connected(AgentLeg leg) {
            agent.connected(leg);
        }

        @Override
        public boolean quiet() {
            return CallBridge.this.quiet();
        }

        @Override
        public void sessionGone() {
            agentGone();
            twilio.forgetPlayback();
        }

        @Override
        public void lostForGood(EndReason reason) {
            agentGone();
            byte[] apology = SpokenClips.CONNECTION_LOST.audio();
            endWithGoodbye(apology, reason, Duration.ofMillis(apology.length / 8).plus(APOLOGY_SLACK));
        }
    }

    /** What answering-machine detection's decision does to the call. */
    private final class ToAmd implements AmdGate.Call {

        @Override
        public void hold() {
            agent.holdOpening();
        }

        @Override
        public void startAgent() {
            agent.releaseOpening();
        }

        @Override
        public void leaveMessage(String message) {
            responses.startInstructed(OpeningLines.voicemail(message));
            farewell.request(() -> end(EndReason.VOICEMAIL), services.config().limits().farewellTimeout().toMillis()
                    + message.length() * MESSAGE_MS_PER_CHAR);
        }

        @Override
        public void hangUp() {
            end(EndReason.MACHINE);
        }
    }

    /** The current Realtime session's events, on the call's loop. */
    private final class FromAgent implements AgentEvents {

        @Override
        public void sessionCreated() {
            agent.acknowledged();
        }

        @Override
        public void sessionUpdated(String notMuLaw) {
            agent.updated(notMuLaw);
        }

        @Override
        public void agentAudio(String responseId, String itemId, String delta) {
            voice.play(responseId, itemId, delta);
        }

        @Override
        public void speechStarted() {
            voice.callerStarted();
        }

        @Override
        public void speechStopped() {
            publish.conversation().callerStopped();
            voice.callerStopped();
        }

        @Override
        public void responseCreated() {
            trace.responseStarted();
            responses.started();
        }

        @Override
        public void responseDone(TokenUsage used) {
            // Summed over every session of the call (a reconnect or rotation opens a new one).
            usage = usage.plus(used);
            trace.responseDone();
            services.metrics().tokens(used.inputText() - used.cachedText(), used.inputAudio() - used.cachedAudio(),
                    used.cachedText() + used.cachedAudio(), used.outputText(), used.outputAudio());
            responses.done();
            farewell.check();
            connection.rotateIfDueAndQuiet();
        }

        @Override
        public void agentTranscript(String text, boolean isFinal, String itemId) {
            if (isFinal) {
                conversation.agent(text);
            }
            publish.agentTranscript(text, isFinal, itemId);
        }

        @Override
        public void callerTranscript(String text, String itemId) {
            conversation.caller(text);
            publish.callerTranscript(text, itemId);
        }

        @Override
        public void functionCall(String name, String callId, String arguments) {
            tools.onFunctionCall(name, callId, arguments);
        }

        /**
         * Realtime errors are mostly recoverable: log, report, and keep the call going. A refused session.update is
         * said loudly: the session then keeps its defaults, whose audio is not the μ-law Twilio needs.
         */
        @Override
        public void error(String code, String message, boolean refusedSessionUpdate) {
            if (refusedSessionUpdate) {
                Log.errorf("the Realtime session refused its configuration (%s: %s): the caller may hear "
                        + "noise and the agent lacks its instructions", code, message);
                publish.error("The Realtime session refused its configuration: " + message);
                return;
            }
            Log.warnf("Realtime error %s: %s", code, message);
            services.metrics().realtimeError(code);
            publish.error(message);
        }
    }
}
