package dev.switchboard.control.gateway;

import dev.switchboard.control.calls.CallEventRecorder;
import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.livelogs.LiveLogHub;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.TextDecodeException;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Server side of the internal link: one socket per gateway instance ({@link GatewayAuthCheck} guards the upgrade).
 * Frames from one gateway are handled one at a time, in order, on its event loop: live-log fan-out happens there at
 * once, while the database write goes to an ordered worker queue, so a slow database never delays live logs
 * and one gateway's events are still recorded in the order they came.
 */
@WebSocket(path = "/internal/gateway")
public class GatewaySocket {

    static final Set<String> CALL_EVENTS = Set.of("call.started", "call.ended", "transcript.caller",
            "transcript.agent", "tool.called", "tool.result", "call.interrupted", "call.metrics", "call.error");

    private final GatewayLinks links;
    private final LinkFrames frames;
    private final ConfigService configs;
    private final CallEventRecorder recorder;
    private final LiveLogHub hub;
    private final Vertx vertx;
    private final AgentTransferRequests agentTransfers;

    GatewaySocket(GatewayLinks links, LinkFrames frames, ConfigService configs, CallEventRecorder recorder,
                  LiveLogHub hub, Vertx vertx, AgentTransferRequests agentTransfers) {
        this.links = links;
        this.frames = frames;
        this.configs = configs;
        this.recorder = recorder;
        this.hub = hub;
        this.vertx = vertx;
        this.agentTransfers = agentTransfers;
    }

    @OnOpen
    @Blocking
    void onOpen(WebSocketConnection gateway) {
        links.linked(gateway);
        gateway.sendTextAndAwait(frames.write(LinkEvent.of("config.snapshot", null, Map.of("config", configs.current()))));
    }

    @OnTextMessage
    void onEvent(LinkEvent event, WebSocketConnection gateway) {
        if ("gateway.hello".equals(event.type())) {
            links.hello(gateway, GatewayHello.from(event.data()));
            return;
        }
        if ("call.transfer.requested".equals(event.type()) && event.callSid() != null && !event.callSid().isBlank()) {
            agentTransfers.accept(complete(event), gateway);
            return;
        }
        if (!CALL_EVENTS.contains(event.type()) || event.callSid() == null || event.callSid().isBlank()) {
            Log.debugf("[call=%s] ignored link frame of type %s", event.callSid(), event.type());
            return;
        }
        LinkEvent complete = complete(event);
        track(complete, gateway);
        hub.publish(complete);
        vertx.executeBlocking(() -> record(complete), true);
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

    private Void record(LinkEvent event) {
        try {
            recorder.record(event);
        } catch (RuntimeException e) {
            Log.errorf("[call=%s] could not record %s: %s", event.callSid(), event.type(), e.getMessage());
        }
        return null;
    }
}
