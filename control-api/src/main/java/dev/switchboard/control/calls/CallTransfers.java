package dev.switchboard.control.calls;

import dev.switchboard.control.config.TransferTargets;
import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.gateway.GatewayCommands;
import dev.switchboard.control.history.CallEventStore;
import dev.switchboard.control.history.CallStatus;
import dev.switchboard.control.history.CallStore;
import dev.switchboard.control.livelogs.LiveEvent;
import dev.switchboard.control.livelogs.LiveEvents;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transfers a live call, for the REST endpoint and for the agent's {@code transfer_call} alike. The holding gateway
 * hears first ({@code call.transfer}): it silences the agent and takes the stream's coming end as "transferred".
 * Only then is the call redirected to {@code <Dial>}; Twilio ends the media stream itself when it does. The other
 * order would fail: a gateway that closed the stream first would let Twilio run past {@code <Connect>} and hang up.
 * Blocking (JDBC, Twilio SDK): call it from a worker thread.
 */
@ApplicationScoped
public class CallTransfers {

    private static final int MAX_REASON = 500;

    private final CallStore calls;
    private final CallEventStore events;
    private final CallDialers dialers;
    private final GatewayCommands commands;
    private final LiveEvents liveLogs;

    CallTransfers(CallStore calls, CallEventStore events, CallDialers dialers, GatewayCommands commands,
                  LiveEvents liveLogs) {
        this.calls = calls;
        this.events = events;
        this.dialers = dialers;
        this.commands = commands;
        this.liveLogs = liveLogs;
    }

    /**
     * Transfers call {@code sid} to {@code target}; {@code requestedBy} is {@code api} or {@code agent}.
     * Throws what the endpoint maps: 400 bad target, 404 unknown call, 409 not live, 502 carrier refusal.
     */
    public void transfer(String sid, String target, String reason, String requestedBy) {
        if (!TransferTargets.valid(target)) {
            throw new InvalidInputException("target", TransferTargets.PROBLEM);
        }
        checkLive(sid);
        CallDialer dialer = dialers.current();
        boolean held = commands.transfer(sid, target);
        if (!held) {
            CallMdc.run(sid, () -> Log.info("no gateway linked here holds the call: the carrier alone moves it"));
        }
        try {
            dialer.transfer(sid, target);
        } catch (RuntimeException e) {
            if (held) {
                commands.transferFailed(sid, "the carrier refused the transfer");
            }
            events.transferFailed(sid, target, "the carrier refused the transfer", requestedBy, Instant.now());
            throw e;
        }
        recorded(sid, target, reason == null || reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON), requestedBy);
    }

    private void checkLive(String sid) {
        String status = calls.status(sid).orElseThrow(() -> new CallNotFoundException(sid));
        if (CallStatus.terminal(status)) {
            throw new CallAlreadyEndedException(sid, status);
        }
        if (!"in-progress".equals(status)) {
            throw new CallNotLiveException(sid, status);
        }
        if (events.transferred(sid)) {
            throw new CallNotLiveException(sid, "already transferred");
        }
    }

    private void recorded(String sid, String target, String reason, String requestedBy) {
        Instant at = Instant.now();
        events.transfer(sid, target, reason, requestedBy, at);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", target);
        data.put("reason", reason == null ? "" : reason);
        data.put("requestedBy", requestedBy);
        liveLogs.publish(new LiveEvent("call.transferred", sid, at, data));
        CallMdc.run(sid, () -> Log.infof("transferred (requested by %s)", requestedBy));
    }
}
