package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.tools.TransferRequests;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Handing the call to a person. control-api orders it ({@code call.transfer}) just before it redirects the call
 * through Twilio: the call becomes {@link CallPhase#TRANSFERRING}, the agent stops at once, and the stream's end,
 * which Twilio brings about itself, then counts as "transferred"; if Twilio never ends it, a fallback ends the call.
 * The model asks for it ({@code transfer_call}): once its farewell has played, control-api is asked over the link,
 * and the tool hears whether the transfer is under way or why not. Runs on the call's event loop.
 */
final class Transfer {

    static final String UNAVAILABLE = "Transfers are unavailable right now (the control service cannot be reached).";

    private final String callSid;
    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private final Farewell farewell;
    private final TransferRequests transfers;
    private final long timeoutMs;
    private final Runnable silenceAgent;
    private final Consumer<EndReason> end;
    private long fallbackTimer = -1;
    private long answerTimer = -1;
    private Consumer<Optional<String>> asked;

    /** {@code silenceAgent} stops the agent mid-word; {@code end} ends the call. */
    Transfer(String callSid, CallLoop loop, CallLifecycle lifecycle, Farewell farewell, TransferRequests transfers,
             Duration timeout, Runnable silenceAgent, Consumer<EndReason> end) {
        this.callSid = callSid;
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.farewell = farewell;
        this.transfers = transfers;
        this.timeoutMs = timeout.toMillis();
        this.silenceAgent = silenceAgent;
        this.end = end;
    }

    /** control-api's {@code call.transfer}: silence the agent now; Twilio is about to end the stream. */
    void ordered() {
        if (lifecycle.is(CallPhase.TRANSFERRING) || !lifecycle.moveTo(CallPhase.TRANSFERRING)) {
            return;
        }
        silenceAgent.run();
        fallbackTimer = loop.setTimer(timeoutMs, () -> end.accept(EndReason.TRANSFER_TIMEOUT));
        Log.info("transfer under way: the agent is silent until Twilio ends the stream");
        settle(Optional.empty());
    }

    /** control-api's {@code call.transfer.failed}: the call stays with the agent. */
    void failed(String reason) {
        if (lifecycle.transferFailed()) {
            loop.cancelTimer(fallbackTimer);
            fallbackTimer = -1;
        }
        Log.infof("transfer did not go through: %s", reason);
        settle(Optional.of("The transfer did not go through (" + reason + "). Tell the caller and carry on."));
    }

    /** transfer_call: asks control-api once the agent's current speech has played; {@code outcome} hears back. */
    void ask(String target, String reason, Consumer<Optional<String>> outcome) {
        if (asked != null || lifecycle.is(CallPhase.TRANSFERRING)) {
            outcome.accept(Optional.of("A transfer is already under way."));
            return;
        }
        if (!transfers.available()) {
            outcome.accept(Optional.of(UNAVAILABLE));
            return;
        }
        asked = outcome;
        farewell.request(() -> send(target, reason));
    }

    /** The call ended: nothing more to wait for. */
    void cancel() {
        loop.cancelTimer(fallbackTimer);
        loop.cancelTimer(answerTimer);
        fallbackTimer = -1;
        answerTimer = -1;
        asked = null;
    }

    private void send(String target, String reason) {
        if (asked == null) {
            return;
        }
        if (!transfers.request(callSid, target, reason)) {
            settle(Optional.of(UNAVAILABLE));
            return;
        }
        Log.info("asked control-api to transfer the call");
        answerTimer = loop.setTimer(timeoutMs, () -> {
            answerTimer = -1;
            settle(Optional.of("The control service did not answer in time, so the caller was not transferred."));
        });
    }

    private void settle(Optional<String> outcome) {
        loop.cancelTimer(answerTimer);
        answerTimer = -1;
        Consumer<Optional<String>> waiting = asked;
        asked = null;
        if (waiting != null) {
            waiting.accept(outcome);
        }
    }
}
