package dev.switchboard.control.calls;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.control.config.ConfigService;
import dev.switchboard.control.gateway.AgentTransfers;
import dev.switchboard.control.gateway.GatewayCommands;
import dev.switchboard.control.history.CallStore;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out the agent's {@code transfer_call}: a gateway's {@code call.transfer.requested} runs the same transfer
 * as POST /api/calls/{sid}/transfer. Whatever stops it is answered with {@code call.transfer.failed}, so the model
 * can tell the caller and the call goes on.
 */
@ApplicationScoped
class AgentTransferRequests implements AgentTransfers {

    /** A request older than this (it waited in a gateway's queue while the link was down) is refused, not acted on. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final CallTransfers transfers;
    private final ConfigService configs;
    private final GatewayCommands commands;
    private final Vertx vertx;
    private final CallStore calls;

    AgentTransferRequests(CallTransfers transfers, ConfigService configs, GatewayCommands commands, Vertx vertx,
                          CallStore calls) {
        this.transfers = transfers;
        this.calls = calls;
        this.configs = configs;
        this.commands = commands;
        this.vertx = vertx;
    }

    /** Runs on the link's event loop: the transfer itself runs on a worker thread. */
    @Override
    public void requested(LinkFrame request) {
        vertx.executeBlocking(() -> {
            transfer(request);
            return null;
        }, false);
    }

    private void transfer(LinkFrame request) {
        String sid = request.callSid();
        Map<String, Object> data = request.data();
        String target = data.get("target") instanceof String text ? text : null;
        String reason = data.get("reason") instanceof String text ? text : null;
        if (request.at().isBefore(Instant.now().minus(MAX_AGE))) {
            refuse(sid, "the request came too late", "stale request");
            return;
        }
        // The model never chooses the number: the gateway must name the target the call's profile gives transfer_call.
        String allowed = configs.forProfile(calls.profileOf(sid).orElse(null)).transferTarget().orElse(null);
        if (target == null || !Objects.equals(allowed, target)) {
            refuse(sid, "no transfer target is configured", "target is not the configured one");
            return;
        }
        try {
            transfers.transfer(sid, target, reason, "agent");
        } catch (DialFailedException e) {
            CallMdc.run(sid, () -> Log.warnf("agent transfer refused by the carrier: code %s", e.twilioCode()));
        } catch (RuntimeException e) {
            refuse(sid, "the call cannot be transferred now", e.getClass().getSimpleName());
        }
    }

    private void refuse(String sid, String forTheModel, String forTheLog) {
        CallMdc.run(sid, () -> Log.warnf("agent transfer refused: %s", forTheLog));
        commands.transferFailed(sid, forTheModel);
    }
}
