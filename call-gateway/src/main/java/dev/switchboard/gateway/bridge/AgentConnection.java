package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.RealtimeListener;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Opens the call's Realtime socket and reopens it when it fails: with backoff, within the reconnect budget counted
 * from the first failure; once the budget is spent the call ends. Before a session gets too old it is replaced at
 * the next pause in the conversation. Events from a replaced socket are ignored.
 */
final class AgentConnection {

    private static final long FIRST_RETRY_MS = 200;
    /** Time the apology gets beyond its own length to play and be acknowledged. */
    private static final Duration APOLOGY_SLACK = Duration.ofSeconds(3);
    /** How long a due rotation waits for a pause before it happens anyway (the service's hard limit is 60 min). */
    private static final long ROTATION_GRACE_MS = 120_000;

    private final CallBridge call;
    private final long budgetNanos;
    private int generation;
    private int retries;
    private long giveUpAt;
    private long retryTimer = -1;
    private long ageTimer = -1;
    private long graceTimer = -1;
    private boolean rotationDue;

    AgentConnection(CallBridge call) {
        this.call = call;
        this.budgetNanos = call.services.config().openai().reconnectBudget().toNanos();
    }

    void open() {
        int attempt = ++generation;
        call.services.connector().connect(call.callSid(), new Listener(attempt))
                .onComplete(result -> call.execute(() -> connected(attempt, result)));
    }

    /** The session works (again): a later failure gets a fresh budget, and its age counts from now. */
    void healthy() {
        retries = 0;
        giveUpAt = 0;
        ageTimer = replaceTimer(ageTimer, call.services.config().openai().sessionMaxAge().toMillis(),
                this::rotationDue);
    }

    /** Called at moments that may be a pause; replaces an aged session if the call is quiet now. */
    void rotateIfDueAndQuiet() {
        if (rotationDue && call.quiet()) {
            rotate();
        }
    }

    void cancel() {
        retryTimer = replaceTimer(retryTimer, -1, null);
        ageTimer = replaceTimer(ageTimer, -1, null);
        graceTimer = replaceTimer(graceTimer, -1, null);
    }

    private void rotationDue() {
        ageTimer = -1;
        rotationDue = true;
        graceTimer = replaceTimer(graceTimer, ROTATION_GRACE_MS, this::rotate);
        rotateIfDueAndQuiet();
    }

    private void rotate() {
        if (!rotationDue || call.ended() || call.sayingGoodbye()) {
            return;
        }
        rotationDue = false;
        graceTimer = replaceTimer(graceTimer, -1, null);
        Log.infof("[call=%s] replacing the aged Realtime session", call.callSid());
        generation++;
        call.session.lost();
        call.playback.forget();
        open();
    }

    /** Cancels {@code timer} and, when {@code delayMs >= 0}, starts a new one running {@code task} on the call. */
    private long replaceTimer(long timer, long delayMs, Runnable task) {
        if (timer >= 0) {
            call.vertx().cancelTimer(timer);
        }
        if (delayMs < 0) {
            return -1;
        }
        return call.vertx().setTimer(Math.max(1, delayMs), id -> call.execute(task));
    }

    private void connected(int attempt, AsyncResult<AgentLeg> result) {
        if (attempt != generation || call.ended()) {
            if (result.succeeded()) {
                result.result().close();
            }
        } else if (result.failed()) {
            Log.warnf("[call=%s] could not open the Realtime session: %s", call.callSid(), result.cause().getMessage());
            lost(EndReason.OPENAI_UNAVAILABLE);
        } else {
            call.session.connected(result.result());
        }
    }

    private void lost(EndReason reason) {
        if (call.sayingGoodbye()) {
            return;
        }
        long now = System.nanoTime();
        if (giveUpAt == 0) {
            giveUpAt = now + budgetNanos;
        }
        if (now >= giveUpAt) {
            Log.errorf("[call=%s] Realtime session lost for good (%s): the caller hears an apology", call.callSid(),
                    reason.tag);
            call.session.lost();
            byte[] apology = SpokenClips.CONNECTION_LOST.audio();
            call.endWithGoodbye(apology, reason, Duration.ofMillis(apology.length / 8).plus(APOLOGY_SLACK));
            return;
        }
        generation++;
        call.session.lost();
        call.playback.forget();
        long delayMs = Math.min(FIRST_RETRY_MS << Math.min(retries++, 5), Math.max(1, (giveUpAt - now) / 1_000_000));
        retryTimer = replaceTimer(retryTimer, delayMs, () -> {
            retryTimer = -1;
            if (!call.ended()) {
                open();
            }
        });
    }

    /** Delivers one socket's events to the call while that socket is the current one. */
    private final class Listener implements RealtimeListener {

        private final int attempt;

        Listener(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onEvent(JsonObject event) {
            call.execute(() -> {
                if (current()) {
                    RealtimeEventRouter.route(call, event);
                }
            });
        }

        @Override
        public void onAudioDelta(String responseId, String itemId, String delta) {
            call.execute(() -> {
                if (current()) {
                    call.onAgentAudio(responseId, itemId, delta);
                }
            });
        }

        @Override
        public void onClosed(int code, String reason) {
            call.execute(() -> {
                if (current()) {
                    Log.warnf("[call=%s] Realtime socket closed (%d)", call.callSid(), code);
                    lost(EndReason.OPENAI_CLOSED);
                }
            });
        }

        @Override
        public void onFailure(Throwable failure) {
            call.execute(() -> {
                if (current()) {
                    Log.warnf("[call=%s] Realtime socket failed: %s", call.callSid(), failure.getMessage());
                    lost(EndReason.OPENAI_ERROR);
                }
            });
        }

        private boolean current() {
            return attempt == generation && !call.ended();
        }
    }
}
