package dev.switchboard.control.gateway;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends call commands to the gateway that holds the call. */
@ApplicationScoped
public class GatewayCommands {

    /** Longest a transfer waits for its command to be written to the gateway's link. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    /** Longest a transfer waits for the gateway's call.transfer.ready before redirecting the call anyway. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(2);

    /** Twilio's documented {@code AnsweredBy} values (its asynchronous AMD callback). */
    static final Set<String> ANSWERED_BY = Set.of("unknown", "machine_start", "machine_end_beep",
            "machine_end_silence", "machine_end_other", "human", "fax");

    private final Map<String, CompletableFuture<Boolean>> awaitingReady = new ConcurrentHashMap<>();

    private final GatewayLinks links;
    private final LinkFrames frames;

    GatewayCommands(GatewayLinks links, LinkFrames frames) {
        this.links = links;
        this.frames = frames;
    }

    /** True when a gateway linked to this replica carries the call. */
    public boolean holds(String callSid) {
        return links.holderOf(callSid).isPresent();
    }

    /** Asks the holding gateway to end the call; false when no linked gateway holds it. */
    public boolean hangup(String callSid) {
        return send(LinkFrame.of(LinkType.CALL_HANGUP, callSid, Map.of()));
    }

    /**
     * Tells the holding gateway the call is being transferred to {@code target} and waits until it confirms
     * ({@code call.transfer.ready}) that the agent is silent and Twilio's coming stop will count as the transfer;
     * the caller redirects the call through Twilio only then. Blocking: call it off the event loop. False when no
     * linked gateway holds the call; past the timeout the call is redirected anyway, true.
     */
    public boolean transfer(String callSid, String target) {
        var holder = links.holderOf(callSid);
        if (holder.isEmpty()) {
            return false;
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        awaitingReady.put(callSid, ready);
        try {
            holder.get().sendText(frames.write(LinkFrame.of(LinkType.CALL_TRANSFER, callSid, Map.of("target", target))))
                    .await().atMost(WRITE_TIMEOUT);
            return ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            CallMdc.run(callSid,
                    () -> Log.warn("the gateway did not confirm the transfer in time: redirecting anyway"));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (RuntimeException | ExecutionException e) {
            CallMdc.run(callSid, () -> Log.warnf("could not send call.transfer: %s", e.getMessage()));
            return false;
        } finally {
            awaitingReady.remove(callSid, ready);
        }
    }

    /** The gateway's {@code call.transfer.ready}: {@code held} false when it no longer carries the call. */
    void transferReady(String callSid, boolean held) {
        CompletableFuture<Boolean> ready = callSid == null ? null : awaitingReady.get(callSid);
        if (ready != null) {
            ready.complete(held);
        }
    }

    /** Tells the holding gateway a transfer it was told about, or asked for, did not happen: the call goes on. */
    public boolean transferFailed(String callSid, String reason) {
        return send(LinkFrame.of(LinkType.CALL_TRANSFER_FAILED, callSid, Map.of("reason", reason)));
    }

    /**
     * Passes Twilio's answering-machine detection result to the holding gateway ({@code call.amd.result}); false when
     * no linked gateway holds the call. A value Twilio does not document goes as {@code unknown}: it is not trusted
     * to mean a machine.
     */
    public boolean amdResult(String callSid, String answeredBy) {
        String value = ANSWERED_BY.contains(answeredBy) ? answeredBy : "unknown";
        return send(LinkFrame.of(LinkType.CALL_AMD_RESULT, callSid, Map.of("answeredBy", value)));
    }

    private boolean send(LinkFrame command) {
        return links.holderOf(command.callSid()).map(gateway -> {
            String frame = frames.write(command);
            gateway.sendText(frame).subscribe().with(
                    ok -> CallMdc.run(command.callSid(), () -> Log.debugf("sent %s", command.type().wire())),
                    e -> CallMdc.run(command.callSid(), () -> Log.warnf("could not send %s: %s", command.type().wire(),
                            e.getMessage())));
            return true;
        }).orElse(false);
    }
}
