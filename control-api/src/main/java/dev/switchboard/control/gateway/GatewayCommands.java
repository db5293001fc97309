package dev.switchboard.control.gateway;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Sends call commands to the gateway that holds the call. */
@ApplicationScoped
public class GatewayCommands {

    private final GatewayLinks links;
    private final LinkFrames frames;

    GatewayCommands(GatewayLinks links, LinkFrames frames) {
        this.links = links;
        this.frames = frames;
    }

    /** Asks the holding gateway to end the call; false when no linked gateway holds it. */
    public boolean hangup(String callSid) {
        return send(LinkEvent.of("call.hangup", callSid, Map.of()));
    }

    /**
     * Tells the holding gateway the call is being transferred to {@code target}, so it ends its bridge;
     * the caller redirects the live call through Twilio. False when no linked gateway holds it.
     */
    public boolean transfer(String callSid, String target) {
        return send(LinkEvent.of("call.transfer", callSid, Map.of("target", target)));
    }

    private boolean send(LinkEvent command) {
        return links.holderOf(command.callSid()).map(gateway -> {
            String frame = frames.write(command);
            gateway.sendText(frame).subscribe().with(
                    ok -> Log.debugf("[call=%s] sent %s", command.callSid(), command.type()),
                    e -> Log.warnf("[call=%s] could not send %s: %s", command.callSid(), command.type(), e.getMessage()));
            return true;
        }).orElse(false);
    }
}
