package dev.switchboard.control.gateway;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Pushes a config to every gateway linked to this replica at once. */
@ApplicationScoped
public class ConfigPush {

    private final GatewayLinks links;
    private final LinkFrames frames;

    ConfigPush(GatewayLinks links, LinkFrames frames) {
        this.links = links;
        this.frames = frames;
    }

    /** Sends {@code config.updated} with {@code config} to every gateway linked to this replica. */
    public void push(AgentConfig config) {
        String frame = frames.write(LinkFrame.of(LinkType.CONFIG_UPDATED, null, Map.of("config", config)));
        for (var gateway : links.all()) {
            gateway.sendText(frame).subscribe().with(
                    ok -> { },
                    e -> Log.warnf("[call=-] config push to gateway link %s failed: %s", gateway.id(), e.getMessage()));
        }
    }
}
