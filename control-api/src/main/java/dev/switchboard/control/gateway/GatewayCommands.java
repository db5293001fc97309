package dev.switchboard.control.gateway;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;

/** Sends call commands to the gateway that holds the call. */
@ApplicationScoped
public class GatewayCommands {

    /** Longest a transfer waits for its command to be written to the gateway's link. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

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
     * Tells the holding gateway the call is being transferred to {@code target}: it silences the agent and waits for
     * Twilio to end the stream. Returns once the command is written (blocking: call it off the event loop), so the
     * caller redirects the call through Twilio only after; false when no linked gateway holds the call.
     */
    public boolean transfer(String callSid, String target) {
        var holder = links.holderOf(callSid);
        if (holder.isEmpty()) {
            return false;
        }
        try {
            holder.get().sendText(frames.write(LinkEvent.of("call.transfer", callSid, Map.of("target", target))))
                    .await().atMost(WRITE_TIMEOUT);
            return true;
        } catch (RuntimeException e) {
            Log.warnf("[call=%s] could not send call.transfer: %s", callSid, e.getMessage());
            return false;
        }
    }

    /** Tells the holding gateway a transfer it was told about, or asked for, did not happen: the call goes on. */
    public boolean transferFailed(String callSid, String reason) {
        return send(LinkEvent.of("call.transfer.failed", callSid, Map.of("reason", reason)));
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
