package dev.switchboard.gateway.bridge;

import io.quarkus.logging.Log;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Handing the call to a person. control-api orders it ({@code call.transfer}) just before it redirects the call
 * through Twilio: the agent stops at once, and the stream's end, which Twilio brings about itself, then counts as
 * "transferred"; if Twilio never ends it, a fallback ends the bridge. The model asks for it ({@code transfer_call}):
 * once its farewell has played, control-api is asked over the link, and the tool hears whether the transfer is under
 * way or why not. Runs on the call's event loop like the rest of the bridge.
 */
final class Transfer {

    static final String UNAVAILABLE = "Transfers are unavailable right now (the control service cannot be reached).";

    private final CallBridge call;
    private boolean underWay;
    private long fallbackTimer = -1;
    private long answerTimer = -1;
    private Consumer<Optional<String>> asked;

    Transfer(CallBridge call) {
        this.call = call;
    }

    /** True once control-api has ordered the transfer: the agent is silent, the call waits for Twilio. */
    boolean underWay() {
        return underWay;
    }

    /** control-api's {@code call.transfer}: silence the agent now; Twilio is about to end the stream. */
    void ordered() {
        if (call.ended() || underWay) {
            return;
        }
        underWay = true;
        call.farewell.cancel();
        call.responses.cancel();
        call.silenceAgent();
        long timeoutMs = Math.max(1, call.services.config().limits().transferTimeout().toMillis());
        fallbackTimer = call.vertx().setTimer(timeoutMs, id -> call.execute(() -> call.end(EndReason.TRANSFER_TIMEOUT)));
        Log.infof("[call=%s] transfer under way: the agent is silent until Twilio ends the stream", call.callSid());
        settle(Optional.empty());
    }

    /** control-api's {@code call.transfer.failed}: the call stays with the agent. */
    void failed(String reason) {
        if (underWay) {
            underWay = false;
            cancelTimer(fallbackTimer);
            fallbackTimer = -1;
        }
        Log.infof("[call=%s] transfer did not go through: %s", call.callSid(), reason);
        settle(Optional.of("The transfer did not go through (" + reason + "). Tell the caller and carry on."));
    }

    /** transfer_call: asks control-api once the agent's current speech has played; {@code outcome} hears back. */
    void ask(String target, String reason, Consumer<Optional<String>> outcome) {
        if (asked != null || underWay) {
            outcome.accept(Optional.of("A transfer is already under way."));
            return;
        }
        if (!call.services.transfers().available()) {
            outcome.accept(Optional.of(UNAVAILABLE));
            return;
        }
        asked = outcome;
        call.farewell.request(() -> send(target, reason));
    }

    /** The call ended: nothing more to wait for. */
    void cancel() {
        cancelTimer(fallbackTimer);
        cancelTimer(answerTimer);
        fallbackTimer = -1;
        answerTimer = -1;
        asked = null;
    }

    private void send(String target, String reason) {
        if (asked == null) {
            return;
        }
        if (!call.services.transfers().request(call.callSid(), target, reason)) {
            settle(Optional.of(UNAVAILABLE));
            return;
        }
        Log.infof("[call=%s] asked control-api to transfer the call", call.callSid());
        long timeoutMs = Math.max(1, call.services.config().limits().transferTimeout().toMillis());
        answerTimer = call.vertx().setTimer(timeoutMs, id -> call.execute(() -> {
            answerTimer = -1;
            settle(Optional.of("The control service did not answer in time, so the caller was not transferred."));
        }));
    }

    private void settle(Optional<String> outcome) {
        cancelTimer(answerTimer);
        answerTimer = -1;
        Consumer<Optional<String>> waiting = asked;
        asked = null;
        if (waiting != null) {
            waiting.accept(outcome);
        }
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            call.vertx().cancelTimer(id);
        }
    }
}
