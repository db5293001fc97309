package dev.switchboard.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.bridge.CallBridges;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.session.AgentConfigs;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.TextDecodeException;
import io.quarkus.websockets.next.WebSocketClient;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's end of the internal link ({@link ControlConnector} opens it): announces this instance,
 * drains the {@link LinkOutbox}, and applies what control-api sends (acknowledgements, agent profiles, hangup, transfer,
 * answering-machine results).
 */
@WebSocketClient(path = "/internal/gateway")
// The frames and the config they carry come from the plain contract module, which cannot carry Quarkus' annotation.
@RegisterForReflection(targets = { LinkFrame.class, LinkType.class, AgentConfig.class, AgentConfig.TurnDetection.class,
        AgentConfig.Transcription.class, AgentConfig.Tool.class })
public class ControlLink {

    private final ControlConnector connector;
    private final LinkOutbox outbox;
    private final AgentConfigs configs;
    private final CallBridges bridges;
    private final ObjectMapper mapper;
    /** The newest version seen of each profile, deletions included. */
    private final ConcurrentHashMap<String, Long> applied = new ConcurrentHashMap<>();

    ControlLink(ControlConnector connector, LinkOutbox outbox, AgentConfigs configs, CallBridges bridges,
                ObjectMapper mapper) {
        this.connector = connector;
        this.outbox = outbox;
        this.configs = configs;
        this.bridges = bridges;
        this.mapper = mapper;
    }

    @OnOpen
    void onOpen(WebSocketClientConnection link) {
        connector.linked();
        link.sendText(connector.hello(bridges.liveCallSids())).subscribe().with(ok -> { },
                e -> Log.warnf("could not send hello to control-api: %s", e.getMessage()));
        outbox.linked(link);
    }

    @OnTextMessage
    void onCommand(LinkFrame command, WebSocketClientConnection link) {
        try (CallMdc.Scope ignored = CallMdc.enter(command.callSid())) {
            dispatch(command, link);
        }
    }

    private void dispatch(LinkFrame command, WebSocketClientConnection link) {
        switch (command.type()) {
            case LINK_ACK -> acknowledged(command, link);
            case CONFIG_SNAPSHOT -> snapshot(command);
            case CONFIG_UPDATED, PROFILE_UPDATED -> updated(command);
            case PROFILE_DELETED -> deleted(command);
            case CALL_HANGUP -> bridges.hangup(command.callSid(), "hung up by control-api");
            case CALL_TRANSFER -> bridges.transferOrdered(command.callSid(), held -> ready(link, command, held));
            case CALL_TRANSFER_FAILED -> bridges.transferFailed(command.callSid(), reason(command));
            case CALL_AMD_RESULT -> bridges.amdResult(command.callSid(), answeredBy(command));
            default -> Log.debugf("ignored link frame of type %s", command.type().wire());
        }
    }

    // control-api redirects the call through Twilio only after this: the agent is silent and Twilio's stop will
    // count as the transfer. Sent straight on the link, not behind queued events.
    private void ready(WebSocketClientConnection link, LinkFrame command, boolean held) {
        try {
            link.sendText(mapper.writeValueAsString(LinkFrame.of(LinkType.CALL_TRANSFER_READY, command.callSid(),
                    Map.of("held", held)))).subscribe().with(ok -> { },
                    e -> CallMdc.run(command.callSid(),
                            () -> Log.warnf("could not confirm the transfer: %s", e.getMessage())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(LinkFrame command) {
        Object reason = command.data() == null ? null : command.data().get("reason");
        return reason instanceof String text && !text.isBlank() ? text : "no reason given";
    }

    /** Twilio's AnsweredBy; a missing one counts as {@code unknown} (the agent starts). */
    private static String answeredBy(LinkFrame command) {
        Object answeredBy = command.data() == null ? null : command.data().get("answeredBy");
        return answeredBy instanceof String text && !text.isBlank() ? text : "unknown";
    }

    @OnClose
    void onClose(WebSocketClientConnection link) {
        outbox.unlinked(link);
        connector.unlinked();
    }

    @OnError
    void onUnreadableFrame(TextDecodeException e) {
        Log.warn("dropped an unreadable frame from control-api");
    }

    private void acknowledged(LinkFrame ack, WebSocketClientConnection link) {
        if (ack.data() != null && ack.data().get("seq") instanceof Number seq) {
            outbox.acknowledged(link, seq.longValue());
        }
    }

    // The default profile in "config" (all an older control-api sends), the others in "profiles". A snapshot and
    // an update can cross on the wire: a profile never goes back to an older version than one already seen.
    private void snapshot(LinkFrame frame) {
        AgentConfig defaults = config(frame, "config");
        Object named = frame.data() == null ? null : frame.data().get("profiles");
        if (!(named instanceof List<?> list)) {
            applyIfNewer(defaults, () -> configs.apply(defaults));   // an older control-api: no named profiles
            return;
        }
        List<AgentConfig> profiles = list.stream().map(raw -> mapper.convertValue(raw, AgentConfig.class))
                .filter(this::newest).toList();
        configs.snapshot(defaults != null && newest(defaults) ? defaults : null, profiles);
    }

    private void updated(LinkFrame frame) {
        AgentConfig config = config(frame, "config");
        applyIfNewer(config, () -> configs.applyProfile(config));
    }

    private void deleted(LinkFrame frame) {
        Map<String, Object> data = frame.data() == null ? Map.of() : frame.data();
        if (data.get("profile") instanceof String name && data.get("version") instanceof Number version
                && newest(name, version.longValue())) {
            configs.deleted(name);
        }
    }

    private void applyIfNewer(AgentConfig config, Runnable apply) {
        if (config != null && newest(config)) {
            apply.run();
        }
    }

    private boolean newest(AgentConfig config) {
        return newest(config.profileName(), config.version());
    }

    /** Notes {@code version} of {@code profile} as seen; false when a newer one was seen before. */
    private boolean newest(String profile, long version) {
        return applied.merge(profile, version, Math::max) == version;
    }

    private AgentConfig config(LinkFrame frame, String field) {
        Object raw = frame.data() == null ? null : frame.data().get(field);
        if (raw == null) {
            Log.warnf("%s without a %s, ignored", frame.type().wire(), field);
            return null;
        }
        return mapper.convertValue(raw, AgentConfig.class);
    }
}
