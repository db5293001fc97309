package dev.switchboard.control.gateway;

import dev.switchboard.control.calls.CallEventRecorder;
import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.livelogs.LiveLogHub;
import dev.switchboard.control.replicas.SharedLiveLogs;
import dev.switchboard.control.storage.StorageException;
import io.quarkus.logging.Log;
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
import java.util.Set;

/**
 * Server side of the internal link: one socket per gateway instance ({@link GatewayAuthCheck} guards the upgrade).
 * Frames from one gateway are handled one at a time, in order, on its event loop: live-log fan-out happens there at
 * once, while the database write goes to an ordered worker queue, so a slow database never delays live logs
 * and one gateway's events are still recorded in the order they came. Numbered events are acknowledged once stored
 * ({@link LinkSession}); one the gateway sends again after a link drop is neither shown nor stored twice
 * ({@link LinkLedger}).
 */
@WebSocket(path = "/internal/gateway")
public class GatewaySocket {

    static final TypedKey<LinkSession> SESSION = new TypedKey<>("gateway.link.session");

    static final Set<String> CALL_EVENTS = Set.of("call.started", "call.ended", "transcript.caller",
            "transcript.agent", "tool.called", "tool.result", "call.interrupted", "call.metrics", "call.error");

    private final GatewayLinks links;
    private final LinkFrames frames;
    private final ConfigService configs;
    private final CallEventRecorder recorder;
    private final LiveLogHub hub;
    private final LinkLedger ledger;
    private final Vertx vertx;
    private final AgentTransferRequests agentTransfers;
    private final GatewayCommands commands;
    private final SharedLiveLogs shared;

    GatewaySocket(GatewayLinks links, LinkFrames frames, ConfigService configs, CallEventRecorder recorder,
                  LiveLogHub hub, LinkLedger ledger, Vertx vertx, AgentTransferRequests agentTransfers,
                  GatewayCommands commands, SharedLiveLogs shared) {
        this.links = links;
        this.frames = frames;
        this.configs = configs;
        this.recorder = recorder;
        this.hub = hub;
        this.ledger = ledger;
        this.vertx = vertx;
        this.agentTransfers = agentTransfers;
        this.commands = commands;
        this.shared = shared;
    }

    @OnOpen
    @Blocking
    void onOpen(WebSocketConnection gateway) {
        links.linked(gateway);
        gateway.userData().put(SESSION, new LinkSession(gateway, frames));
        gateway.sendTextAndAwait(frames.write(LinkEvent.of("config.snapshot", null, Map.of("config", configs.current()))));
    }

    @OnTextMessage
    void onEvent(LinkEvent event, WebSocketConnection gateway) {
        LinkSession session = gateway.userData().get(SESSION);
        if ("gateway.hello".equals(event.type())) {
            hello(event, gateway, session);
            return;
        }
        if ("call.transfer.ready".equals(event.type())) {
            commands.transferReady(event.callSid(), event.data() != null && Boolean.TRUE.equals(event.data().get("held")));
            return;
        }
        if ("call.transfer.requested".equals(event.type()) && event.callSid() != null && !event.callSid().isBlank()) {
            if (firstShowing(event, session)) {   // a request sent again after a link drop is not carried out twice
                agentTransfers.accept(complete(event), gateway);
            }
            afterEarlierStores(null, event, session);
            return;
        }
        if (!CALL_EVENTS.contains(event.type()) || event.callSid() == null || event.callSid().isBlank()) {
            Log.debugf("[call=%s] ignored link frame of type %s", event.callSid(), event.type());
            afterEarlierStores(null, event, session);
            return;
        }
        LinkEvent complete = complete(event);
        if (firstShowing(event, session)) {
            track(complete, gateway);
            hub.publish(complete);
        }
        afterEarlierStores(complete, event, session);
    }

    @OnClose
    void onClose(WebSocketConnection gateway) {
        links.unlinked(gateway);
    }

    @OnError
    void onUnreadableFrame(TextDecodeException e, WebSocketConnection gateway) {
        Log.warnf("[call=-] dropped an unreadable frame from gateway link %s", gateway.id());
    }

    private static LinkEvent complete(LinkEvent event) {
        return new LinkEvent(event.type(), event.callSid(), event.at() == null ? Instant.now() : event.at(),
                event.data() == null ? Map.of() : event.data());
    }

    private void track(LinkEvent event, WebSocketConnection gateway) {
        switch (event.type()) {
            case "call.started" -> links.callStarted(event.callSid(), gateway);
            case "call.ended" -> links.callEnded(event.callSid());
            default -> { }
        }
    }

    private boolean firstShowing(LinkEvent event, LinkSession session) {
        return event.seq() == null || session.boot() == null || ledger.firstShowing(session.boot(), event.seq());
    }

    // The gateway names its process in hello; the answer acknowledges what this replica already stored from it.
    private void hello(LinkEvent event, WebSocketConnection gateway, LinkSession session) {
        Map<String, Object> data = event.data() == null ? Map.of() : event.data();
        links.hello(gateway, GatewayHello.from(event.data()));
        links.carries(gateway, data.get("calls"));
        if (data.get("bootId") instanceof String boot && !boot.isBlank()) {
            session.boot(boot);
            session.acknowledge(ledger.stored(boot));
        }
    }

    // Stores run one at a time in arrival order on a worker; the ack follows the store, so it means "stored".
    private void afterEarlierStores(LinkEvent toStore, LinkEvent received, LinkSession session) {
        vertx.executeBlocking(() -> {
            store(toStore, received, session);
            return null;
        }, true);
    }

    private void store(LinkEvent event, LinkEvent received, LinkSession session) {
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
                    Log.errorf("[call=%s] could not record %s: %s", event.callSid(), event.type(), e.getMessage());
                } else {
                    session.storeFailed(event.callSid(), event.type() + " (" + e.getMessage() + ")");
                    return;
                }
            }
            // After the store, in the same ordered worker: other replicas see one gateway's events in order.
            shared.share(event);
        }
        if (seq != null) {
            if (boot != null) {
                ledger.stored(boot, seq);
            }
            session.acknowledge(seq);
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
