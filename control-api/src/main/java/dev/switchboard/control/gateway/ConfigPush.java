package dev.switchboard.control.gateway;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Pushes profile changes to every gateway linked to this replica at once. */
@ApplicationScoped
public class ConfigPush {

    private final GatewayLinks links;
    private final LinkFrames frames;

    ConfigPush(GatewayLinks links, LinkFrames frames) {
        this.links = links;
        this.frames = frames;
    }

    /**
     * Sends {@code config} to every gateway linked to this replica: as {@code config.updated} for the default profile
     * (what older gateways understand), as {@code profile.updated} for any other.
     */
    public void push(AgentConfig config) {
        LinkType type = AgentConfig.DEFAULT_PROFILE.equals(config.profileName()) ? LinkType.CONFIG_UPDATED
                : LinkType.PROFILE_UPDATED;
        send(frames.write(LinkFrame.of(type, null, Map.of("config", config))));
    }

    /** Sends {@code profile.deleted} to every gateway linked to this replica. */
    public void deleted(String profile, long version) {
        send(frames.write(LinkFrame.of(LinkType.PROFILE_DELETED, null, Map.of("profile", profile, "version", version))));
    }

    private void send(String frame) {
        for (var gateway : links.all()) {
            gateway.sendText(frame).subscribe().with(
                    ok -> { },
                    e -> Log.warnf("config push to gateway link %s failed: %s", gateway.id(), e.getMessage()));
        }
    }
}
