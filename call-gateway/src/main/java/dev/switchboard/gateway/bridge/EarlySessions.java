package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.realtime.RealtimeConnector;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.tools.ToolRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Realtime sessions opened when /twiml is answered, so that the agent can greet the caller as soon as the media
 * stream starts instead of after the upstream handshake and {@code session.update} round trips. Each waits for its
 * stream at most the configured hold, then closes. The call's context is not taken here: the stream's start looks
 * it up (prefetched when /twiml was answered) and adds it to the session. Held sessions and live calls together
 * stay within SWITCHBOARD_MAX_CALLS, so a flood of /twiml requests cannot open more sockets than calls it takes.
 */
@ApplicationScoped
public class EarlySessions {

    private final ConcurrentHashMap<String, EarlySession> held = new ConcurrentHashMap<>();
    private final AtomicInteger holding = new AtomicInteger();
    private final Vertx vertx;
    private final RealtimeConnector connector;
    private final AgentConfigs configs;
    private final ToolRegistry tools;
    private final CallAdmission admission;
    private final long holdMs;

    EarlySessions(Vertx vertx, GatewayConfig config, RealtimeConnector connector, AgentConfigs configs,
                  ToolRegistry tools, CallAdmission admission) {
        this.vertx = vertx;
        this.connector = connector;
        this.configs = configs;
        this.tools = tools;
        this.admission = admission;
        this.holdMs = config.openai().earlySessionHold().toMillis();
    }

    /**
     * Opens the call's session ahead of its stream, configured with the profile of the called number {@code to};
     * false when turned off, already open, or without room.
     */
    public boolean open(String callSid, String to) {
        if (holdMs <= 0 || held.containsKey(callSid)) {
            return false;
        }
        if (holding.incrementAndGet() + admission.active() > admission.maxCalls()) {
            holding.decrementAndGet();
            Log.debug("no early Realtime session: held sessions and calls are at the limit");
            return false;
        }
        EarlySession early = new EarlySession(callSid, configs.forCall(null, to),
                (leg, config) -> leg.updateSession(config, null, tools.offered(config), true),
                dead -> forget(callSid, dead));
        if (held.putIfAbsent(callSid, early) != null) {
            holding.decrementAndGet();
            return false;
        }
        early.holdTimer(vertx.setTimer(holdMs, id -> expire(callSid, early)));
        connector.connect(callSid, early).onComplete(early::opened);
        Log.debug("opening the call's Realtime session while Twilio connects the stream");
        return true;
    }

    /** The stream of {@code callSid} started: its held session, or null when there is none (any more). */
    EarlySession claim(String callSid) {
        EarlySession early = held.remove(callSid);
        if (early == null) {
            return null;
        }
        holding.decrementAndGet();
        vertx.cancelTimer(early.holdTimer());
        return early.claim() ? early : null;
    }

    /** Whether /twiml was answered here for the call and its session still waits for the stream. */
    boolean awaitsStream(String callSid) {
        return held.containsKey(callSid);
    }

    /** Sessions waiting for their stream right now. */
    public int holding() {
        return holding.get();
    }

    private void expire(String callSid, EarlySession early) {
        if (forget(callSid, early)) {
            early.close();
            CallMdc.run(callSid, () -> Log.infof(
                    "no media stream %d ms after /twiml: closed the call's early Realtime session", holdMs));
        }
    }

    private boolean forget(String callSid, EarlySession early) {
        if (held.remove(callSid, early)) {
            holding.decrementAndGet();
            vertx.cancelTimer(early.holdTimer());
            return true;
        }
        return false;
    }

    @PreDestroy
    void closeAll() {
        List.copyOf(held.keySet()).forEach(callSid -> {
            EarlySession early = held.get(callSid);
            if (early != null && forget(callSid, early)) {
                early.close();
            }
        });
    }
}
