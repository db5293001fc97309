package dev.switchboard.control.gateway;

import dev.switchboard.control.config.AgentConfig;
import dev.switchboard.control.config.ConfigUpdated;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/** Pushes every accepted config change to every linked gateway at once. */
@ApplicationScoped
public class ConfigPush {

    private final GatewayLinks links;
    private final LinkFrames frames;

    ConfigPush(GatewayLinks links, LinkFrames frames) {
        this.links = links;
        this.frames = frames;
    }

    void onConfigUpdated(@Observes ConfigUpdated updated) {
        push(updated.config());
    }

    /** Sends {@code config.updated} with {@code config} to every gateway linked to this replica. */
    public void push(AgentConfig config) {
        String frame = frames.write(LinkEvent.of("config.updated", null, Map.of("config", config)));
        for (var gateway : links.all()) {
            gateway.sendText(frame).subscribe().with(
                    ok -> { },
                    e -> Log.warnf("[call=-] config push to gateway link %s failed: %s", gateway.id(), e.getMessage()));
        }
    }
}
