package dev.switchboard.control.gateway;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.history.CallDetail;
import dev.switchboard.control.history.CallEventRecorder;
import dev.switchboard.control.history.CallHistory;
import dev.switchboard.control.livelogs.LiveEvent;
import dev.switchboard.control.livelogs.LiveEvents;
import dev.switchboard.control.logs.CallMdc;
import dev.switchboard.control.storage.StorageException;
import dev.switchboard.control.tracing.CallTraces;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.TextDecodeException;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Server side of the internal link: one socket per gateway instance ({@link GatewayAuthCheck} guards the upgrade).
 * Frames from one gateway are handled one at a time, in order, on its event loop: live-log fan-out happens there at
 * once, while the database write goes to an ordered worker queue, so a slow database never delays live logs
 * and one gateway's events are still recorded in the order they came. Numbered events are acknowledged once stored
 * ({@link LinkSession}); one the gateway sends again after a link drop is neither shown nor stored twice
 * ({@link LinkLedger}).
 */
@WebSocket(path = "/internal/gateway")
// The contract module is plain Java (no Quarkus), so what Jackson reads and writes on the link is registered here.
@RegisterForReflection(targets = { LinkFrame.class, LinkType.class, AgentConfig.class, AgentConfig.TurnDetection.class,
        AgentConfig.Transcription.class, AgentConfig.Tool.class })
public class GatewaySocket {

    static final TypedKey<LinkSession> SESSION = new TypedKey<>("gateway.link.session");

    private final GatewayLinks links;
    private final LinkFrames frames;
    private final ConfigService configs;
    private final CallEventRecorder recorder;
        private final LinkLedger ledger;
    private final Vertx vertx;
    private final AgentTransfers agentTransfers;
    private final GatewayCommands commands;
    private final LiveEvents live;
    private final CallHistory history;
    private final CallTraces traces;
    private final AmdResults amdResults;

    GatewaySocket(GatewayLinks links, LinkFrames frames, ConfigService configs, CallEventRecorder recorder,
                  LinkLedger ledger, Vertx vertx, AgentTransfers agentTransfers, GatewayCommands commands,
                  LiveEvents live, CallHistory history,
                  CallTraces traces, AmdResults amdResults) {
        this.amdResults = amdResults;
        this.links = links;
        this.frames = frames;
        this.configs = configs;
        this.recorder = recorder;
        this.ledger = ledger;
        this.vertx = vertx;
        this.agentTransfers = agentTransfers;
        this.commands = commands;
        this.live = live;
        this.history = history;
        this.traces = traces;
    }

    @OnOpen
    @Blocking
    void onOpen(WebSocketConnection gateway) {
        links.linked(gateway);
        gateway.userData().put(SESSION, new LinkSession(gateway, frames));
        // config is the default profile, all an older gateway reads; profiles are the others (docs/protocol.md).
        LinkFrame snapshot = LinkFrame.of(LinkType.CONFIG_SNAPSHOT, null,
                Map.of("config", configs.current(), "profiles", configs.namedProfiles()));
        gateway.sendTextAndAwait(frames.write(snapshot));
    }

    @OnTextMessage
    void onEvent(LinkFrame event, WebSocketConnection gateway) {
        try (CallMdc.Scope ignored = CallMdc.enter(event.callSid())) {
            traces.linkEvent(event);
            receive(event, gateway);
        }
    }

    private void receive(LinkFrame event, WebSocketConnection gateway) {
        LinkSession session = gateway.userData().get(SESSION);
        if (event.type() == LinkType.GATEWAY_HELLO) {
            hello(event, gateway, session);
            return;
        }
        if (event.type() == LinkType.CALL_TRANSFER_READY) {
            commands.transferReady(event.callSid(), event.data() != null && Boolean.TRUE.equals(event.data().get("held")));
            return;
        }
        if (event.type() == LinkType.CALL_TRANSFER_REQUESTED && hasCall(event)) {
            if (firstShowing(event, session)) {   // a request sent again after a link drop is not carried out twice
                // The asking gateway holds the call, even if this replica never saw its call.started (it restarted
                // since).
                links.callStarted(event.callSid(), gateway);
                agentTransfers.requested(complete(event));
            }
            afterEarlierStores(null, event, session);
            return;
        }
        if (!event.type().callEvent() || !hasCall(event)) {
            CallMdc.run(event.callSid(), () -> Log.debugf("ignored link frame of type %s", event.type().wire()));
            afterEarlierStores(null, event, session);
            return;
        }
        LinkFrame complete = complete(event);
        if (firstShowing(event, session)) {
            track(complete, gateway);
            // The conversation items repeat the transcript and tool events for resuming calls: stored, not shown.
            if (event.type() != LinkType.CONVERSATION_ITEM) {
                live.show(liveEvent(complete));
            }
        }
        afterEarlierStores(complete, event, session);
    }

    @OnClose
    void onClose(WebSocketConnection gateway) {
        links.unlinked(gateway);
    }

    @OnError
    void onUnreadableFrame(TextDecodeException e, WebSocketConnection gateway) {
        Log.warnf("dropped an unreadable frame from gateway link %s", gateway.id());
    }

    private static boolean hasCall(LinkFrame event) {
        return event.callSid() != null && !event.callSid().isBlank();
    }

    private static LinkFrame complete(LinkFrame event) {
        return new LinkFrame(event.type(), event.callSid(), event.at() == null ? Instant.now() : event.at(),
                event.data() == null ? Map.of() : event.data());
    }

    private static LiveEvent liveEvent(LinkFrame event) {
        return new LiveEvent(event.type().wire(), event.callSid(), event.at(), event.data());
    }

    private void track(LinkFrame event, WebSocketConnection gateway) {
        switch (event.type()) {
            case CALL_STARTED -> links.callStarted(event.callSid(), gateway);
            case CALL_ENDED -> links.callEnded(event.callSid());
            default -> { }
        }
    }

    private boolean firstShowing(LinkFrame event, LinkSession session) {
        return event.seq() == null || session.boot() == null || ledger.firstShowing(session.boot(), event.seq());
    }

    // The gateway names its process in hello; the answer acknowledges what this replica already stored from it.
    private void hello(LinkFrame event, WebSocketConnection gateway, LinkSession session) {
        Map<String, Object> data = event.data() == null ? Map.of() : event.data();
        links.hello(gateway, GatewayHello.from(event.data()));
        links.carries(gateway, data.get("calls"));
        if (data.get("bootId") instanceof String boot && !boot.isBlank()) {
            session.boot(boot);
            session.acknowledge(ledger.stored(boot));
        }
    }

    // Stores run one at a time in arrival order on a worker; the ack follows the store, so it means "stored".
    private void afterEarlierStores(LinkFrame toStore, LinkFrame received, LinkSession session) {
        vertx.executeBlocking(() -> {
            store(toStore, received, session);
            return null;
        }, true);
    }

    private void store(LinkFrame event, LinkFrame received, LinkSession session) {
        if (session.failed()) {
            return;
        }
        Long seq = received.seq();
        String boot = session.boot();
        boolean duplicate = seq != null && boot != null && seq <= ledger.stored(boot);
        if (event != null && !duplicate) {
            try {
                recorder.record(event);
            } catch (RuntimeException e) {
                // Sending it again helps only when the store itself failed (database down, shutting down), not when
                // this event can never be stored; a gateway that does not number its events would not send it again.
                if (seq == null || neverStorable(e)) {
                    CallMdc.run(event.callSid(), () -> Log.errorf("could not record %s: %s", event.type().wire(),
                            e.getMessage()));
                } else {
                    session.storeFailed(event.callSid(), event.type().wire() + " (" + e.getMessage() + ")");
                    return;
                }
            }
            // After the store, in the same ordered worker: other replicas see one gateway's events in order.
            live.share(liveEvent(event));
            if (event.type() == LinkType.CALL_ENDED) {
                usageShown(event.callSid());
            }
            if (event.type() == LinkType.CALL_STARTED) {
                amdResults.callStarted(event.callSid());
            }
        }
        if (seq != null) {
            if (boot != null) {
                ledger.stored(boot, seq);
            }
            session.acknowledge(seq);
        }
    }

    // The call's tokens and estimated cost, as stored with its end (docs/api.md#usage), for /logs viewers.
    private void usageShown(String sid) {
        try {
            history.find(sid).map(CallDetail::usage).ifPresent(usage ->
                    live.publish(new LiveEvent("call.usage", sid, Instant.now(), usage)));
        } catch (RuntimeException e) {
            CallMdc.run(sid, () -> Log.debugf("usage not shown: %s", e.getMessage()));
        }
    }

    /** Bad data (SQL state classes 22 and 23, or event data that cannot be written as JSON) fails every time. */
    static boolean neverStorable(RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return true;
        }
        String state = e instanceof StorageException && e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
