package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.realtime.AgentEvents;
import dev.switchboard.gateway.realtime.AgentLeg;
import dev.switchboard.gateway.realtime.RealtimeConnector;
import dev.switchboard.gateway.tracing.CallTrace;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens the call's Realtime socket and reopens it when it fails: with backoff, within the reconnect budget counted
 * from the first failure; once the budget is spent the call ends. Before a session gets too old it is replaced at
 * the next pause in the conversation. Events from a replaced socket are ignored.
 */
final class AgentConnection {

    private static final long FIRST_RETRY_MS = 200;
    /** How long a due rotation waits for a pause before it happens anyway (the service's hard limit is 60 min). */
    private static final long ROTATION_GRACE_MS = 120_000;

    /** What the connection does to the call. */
    interface Call {
        /** A socket is open. */
        void connected(AgentLeg leg);

        /** A pause: no response, no agent audio left to play, the caller silent, no tool at work. */
        boolean quiet();

        /** The session is gone (a replacement may follow). */
        void sessionGone();

        /** The session is gone and cannot be restored within the budget: the call must end. */
        void lostForGood(EndReason reason);
    }

    private final String callSid;
    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private final RealtimeConnector connector;
    private final AgentEvents events;
    private final Call call;
    private final CallQuality quality;
    private final CallTrace trace;
    private final long budgetNanos;
    private final long sessionMaxAgeMs;
    private int generation;
    private int retries;
    private long giveUpAt;
    private long retryTimer = -1;
    private long ageTimer = -1;
    private long graceTimer = -1;
    private boolean rotationDue;

    /** {@code events} hears the current socket's events, on the call's loop. */
    AgentConnection(String callSid, CallLoop loop, CallLifecycle lifecycle, RealtimeConnector connector,
                    GatewayConfig.OpenAi config, AgentEvents events, Call call, CallQuality quality,
                    CallTrace trace) {
        this.callSid = callSid;
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.connector = connector;
        this.events = events;
        this.call = call;
        this.quality = quality;
        this.trace = trace;
        this.budgetNanos = config.reconnectBudget().toNanos();
        this.sessionMaxAgeMs = config.sessionMaxAge().toMillis();
    }

    /** Opens a socket, or takes over the one opened at /twiml ({@code early}, null when none). */
    void open(EarlySession early) {
        int attempt = ++generation;
        quality.connecting();
        SocketEvents listener = new SocketEvents(this, attempt, callSid, events, loop);
        Span connecting = trace.realtimeConnect(early != null);
        Consumer<AsyncResult<AgentLeg>> done = result -> loop.execute(() -> {
            CallTrace.connected(connecting, result.succeeded());
            connected(attempt, result);
        });
        if (early == null) {
            connector.connect(callSid, listener).onComplete(done::accept);
        } else {
            early.attach(listener, done);
        }
    }

    /** The session works (again): a later failure gets a fresh budget, and its age counts from now. */
    void healthy() {
        retries = 0;
        giveUpAt = 0;
        ageTimer = replaceTimer(ageTimer, sessionMaxAgeMs, this::rotationDue);
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

    /** Whether events of this attempt's socket still count. */
    boolean current(int attempt) {
        return attempt == generation && !lifecycle.ended();
    }

    /** The current socket closed or failed. */
    void lost(EndReason reason) {
        if (lifecycle.over()) {
            return;
        }
        long now = System.nanoTime();
        if (giveUpAt == 0) {
            giveUpAt = now + budgetNanos;
        }
        if (now >= giveUpAt) {
            Log.errorf("Realtime session lost for good (%s): the caller hears an apology",
                    reason.tag);
            call.lostForGood(reason);
            return;
        }
        generation++;
        call.sessionGone();
        long delayMs = Math.min(FIRST_RETRY_MS << Math.min(retries++, 5), Math.max(1, (giveUpAt - now) / 1_000_000));
        retryTimer = replaceTimer(retryTimer, delayMs, () -> {
            retryTimer = -1;
            if (!lifecycle.ended()) {
                quality.reconnecting();
                open(null);
            }
        });
    }

    private void rotationDue() {
        ageTimer = -1;
        rotationDue = true;
        graceTimer = replaceTimer(graceTimer, ROTATION_GRACE_MS, this::rotate);
        rotateIfDueAndQuiet();
    }

    private void rotate() {
        if (!rotationDue || lifecycle.over()) {
            return;
        }
        rotationDue = false;
        graceTimer = replaceTimer(graceTimer, -1, null);
        Log.info("replacing the aged Realtime session");
        generation++;
        call.sessionGone();
        open(null);
    }

    /** Cancels {@code timer} and, when {@code delayMs >= 0}, starts a new one running {@code task} on the call. */
    private long replaceTimer(long timer, long delayMs, Runnable task) {
        loop.cancelTimer(timer);
        return delayMs < 0 ? -1 : loop.setTimer(delayMs, task);
    }

    private void connected(int attempt, AsyncResult<AgentLeg> result) {
        if (attempt != generation || lifecycle.ended()) {
            if (result.succeeded()) {
                result.result().close();
            }
        } else if (result.failed()) {
            Log.warnf("could not open the Realtime session: %s", result.cause().getMessage());
            lost(EndReason.OPENAI_UNAVAILABLE);
        } else {
            call.connected(result.result());
        }
    }
}
