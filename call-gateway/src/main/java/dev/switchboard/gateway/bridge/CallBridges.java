package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.media.TwilioLeg;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.realtime.RealtimeConnector;
import dev.switchboard.gateway.resume.ConversationSource;
import dev.switchboard.gateway.resume.EndedCalls;
import dev.switchboard.gateway.resume.Resumption;
import dev.switchboard.gateway.resume.Resumptions;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.session.CallContextLookup;
import dev.switchboard.gateway.tools.ToolRegistry;
import dev.switchboard.gateway.tools.TransferRequests;
import dev.switchboard.gateway.tracing.CallTraces;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The live calls of this instance, keyed by Twilio streamSid. */
@ApplicationScoped
public class CallBridges {

    private static final long STREAM_WAIT_POLL_MS = 20;

    private final ConcurrentHashMap<String, CallBridge> calls = new ConcurrentHashMap<>();
    private final CallServices services;
    private final AgentConfigs configs;
    private final EarlySessions early;
    private final Vertx vertx;
    private final Resumptions resumptions;
    private final AmdResults amdResults;

    CallBridges(GatewayConfig config, RealtimeConnector connector, CallEvents events, GatewayMetrics metrics,
                ToolRegistry tools, CallContextLookup contexts, AgentConfigs configs, TransferRequests transfers,
                EarlySessions early, Vertx vertx, TwimlAnswers answers, ConversationSource conversations,
                EndedCalls ended, Resumptions resumptions, CallTraces traces, AmdResults amdResults) {
        this.services = new CallServices(config, connector, events, metrics, tools, contexts, transfers, configs,
                answers, conversations, ended, traces);
        this.resumptions = resumptions;
        this.amdResults = amdResults;
        this.configs = configs;
        this.early = early;
        this.vertx = vertx;
    }

    /**
     * Starts bridging a call, on the Realtime session opened for it at /twiml if there is one; empty when a call
     * with this streamSid already exists. Runs on the caller's loop.
     */
    public Optional<CallBridge> open(CallStart start, TwilioLeg twilio) {
        // Until the call's context names a profile (an outbound call's dial does), the called number picks it.
        CallBridge call = new CallBridge(start, twilio, configs.forCall(null, start.parameter("to")), services, this);
        if (calls.putIfAbsent(start.streamSid(), call) != null) {
            return Optional.empty();
        }
        // A resumed stream brings the resume parameter; the instance that answered /twiml/resume may not be this one.
        Resumption resumption = resumptions.claim(start.callSid());
        boolean resuming = resumption != null || Resumption.PARAMETER_VALUE.equals(
                start.parameter(Resumption.PARAMETER));
        try (CallMdc.Scope ignored = call.logScope()) {
            call.begin(early.claim(start.callSid()), resuming, resumption);
            String answeredBy = amdResults.claim(start.callSid());
            if (answeredBy != null) {
                call.amdResult(answeredBy);
            }
        }
        return Optional.of(call);
    }

    /** Ends a live call; false when this instance has no call with that CallSid. */
    public boolean hangup(String callSid, String reason) {
        return withCall(callSid, call -> {
            Log.infof("hangup requested: %s", reason);
            call.end(EndReason.HANGUP_REQUESTED);
        });
    }

    /**
     * control-api is transferring the call (call.transfer): silences the agent on the call's loop, then tells
     * {@code ready} whether this instance holds the call.
     */
    public void transferOrdered(String callSid, Consumer<Boolean> ready) {
        boolean held = withCall(callSid, call -> {
            call.transferOrdered();
            ready.accept(true);
        });
        if (!held && early.awaitsStream(callSid)) {
            // Answered here, its stream about to start (its session opened at /twiml): the order applies once it has.
            vertx.setTimer(STREAM_WAIT_POLL_MS, id -> transferOrdered(callSid, ready));
        } else if (!held) {
            CallMdc.run(callSid, () -> Log.info("call.transfer for a call this gateway does not hold (any more)"));
            ready.accept(false);
        }
    }

    /**
     * Twilio's answering-machine answer for a call (call.amd.result): to the call if it is live here, else kept
     * briefly for its stream's start, which may come after it.
     */
    public void amdResult(String callSid, String answeredBy) {
        amdResults.put(callSid, answeredBy);
        // Put first, claimed by whichever comes first: this or the stream's start, so a start in between misses nothing.
        boolean held = withCall(callSid, call -> {
            String claimed = amdResults.claim(callSid);
            if (claimed != null) {
                call.amdResult(claimed);
            }
        });
        if (!held) {
            Log.debugf("answering-machine result %s kept for the stream's start", answeredBy);
        }
    }

    /** control-api could not transfer the call (call.transfer.failed); false when this instance has no such call. */
    public boolean transferFailed(String callSid, String reason) {
        return withCall(callSid, call -> call.transferFailed(reason));
    }

    private boolean withCall(String callSid, Consumer<CallBridge> action) {
        for (CallBridge call : calls.values()) {
            if (call.callSid().equals(callSid)) {
                call.execute(() -> action.accept(call));
                return true;
            }
        }
        return false;
    }

    /** The CallSids of the calls bridged right now. */
    public List<String> liveCallSids() {
        return calls.values().stream().map(CallBridge::callSid).toList();
    }

    /** Calls bridged right now. */
    public int activeCalls() {
        return calls.size();
    }

    /** Whether no call is live. */
    public boolean idle() {
        return calls.isEmpty();
    }

    /** Plays the goodbye to every live call, each ending once it has played (or after {@code timeout}). */
    public void endAllWithGoodbye(byte[] clip, EndReason reason, Duration timeout) {
        List.copyOf(calls.values()).forEach(call -> call.execute(() -> call.endWithGoodbye(clip, reason, timeout)));
    }

    /** Moves every live call to another instance, each at its next quiet moment and within {@code deadline}. */
    public void moveAll(Duration deadline) {
        List.copyOf(calls.values()).forEach(call -> call.execute(() -> call.moveWhenQuiet(deadline)));
    }

    /** Ends every live call (shutdown). */
    public void endAll(EndReason reason) {
        List.copyOf(calls.values()).forEach(call -> call.execute(() -> call.end(reason)));
    }

    void remove(CallBridge call) {
        calls.remove(call.streamSid(), call);
    }
}
