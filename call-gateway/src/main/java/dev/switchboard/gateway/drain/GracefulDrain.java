package dev.switchboard.gateway.drain;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.bridge.CallBridges;
import dev.switchboard.gateway.bridge.EndReason;
import dev.switchboard.gateway.bridge.SpokenClips;
import dev.switchboard.gateway.bridge.CallAdmission;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Graceful drain on SIGTERM. Quarkus fires {@link ShutdownDelayInitiatedEvent} (with
 * {@code quarkus.shutdown.delay-enabled=true}) on its shutdown thread before the HTTP server stops, and waits for
 * this observer: so while it runs, readiness answers DOWN, /twiml answers 503 and live calls keep their sockets.
 * It returns as soon as the last call has ended, or after the drain deadline plus a spoken goodbye, and Quarkus
 * then shuts down and the process exits.
 */
@ApplicationScoped
public class GracefulDrain {

    /** Time a goodbye gets beyond its own length to play and be acknowledged. */
    private static final Duration GOODBYE_SLACK = Duration.ofSeconds(3);
    private static final long POLL_MS = 50;
    /** Kept between the last forced move and the move deadline for the process's own shutdown. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(1);

    private final CallAdmission admission;
    private final CallBridges bridges;
    private final Duration drainTimeout;
    private final GatewayConfig.Resume resume;

    GracefulDrain(CallAdmission admission, CallBridges bridges, GatewayConfig config) {
        this.admission = admission;
        this.bridges = bridges;
        this.drainTimeout = config.limits().drainTimeout();
        this.resume = config.resume();
    }

    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        if (resume.drainMode() == GatewayConfig.Resume.DrainMode.MOVE) {
            move(resume.moveDeadline());
        } else {
            drain(drainTimeout);
        }
    }

    /**
     * Stops admitting calls and moves every live call to another instance (docs/faults.md): each call's stream is
     * closed at its next quiet moment, no later than a second before {@code deadline} (the process then has time to
     * exit by the deadline), and Twilio's request of the call's
     * {@code <Connect action>} resumes it wherever the load balancer sends it. Blocks the calling (shutdown) thread
     * until the last call has moved; never call it on an event loop.
     */
    public void move(Duration deadline) {
        admission.startDraining();
        int live = bridges.activeCalls();
        Log.infof("draining: readiness DOWN, new calls refused; moving %d live call(s) to other instances, "
                + "each at its next quiet moment and within %s", live, deadline);
        // The last moves are forced a margin before the deadline, so the process has exited by the deadline.
        Duration lastMove = deadline.compareTo(SHUTDOWN_MARGIN.multipliedBy(2)) > 0
                ? deadline.minus(SHUTDOWN_MARGIN) : deadline.dividedBy(2);
        bridges.moveAll(lastMove);
        if (!waitUntil(bridges::idle, lastMove.plus(SHUTDOWN_MARGIN.dividedBy(2)))) {
            bridges.endAll(EndReason.MOVED);
            waitUntil(bridges::idle, Duration.ofSeconds(2));
        }
        Log.infof("drained: %d call(s) moved", live);
    }

    /**
     * Stops admitting calls and blocks the calling (shutdown) thread until every call has ended, saying goodbye to
     * those still live after {@code drainTimeout}; never call it on an event loop.
     */
    public void drain(Duration drainTimeout) {
        admission.startDraining();
        int live = bridges.activeCalls();
        Log.infof("draining: readiness DOWN, new calls refused; %d live call(s) may run for up to %s",
                live, drainTimeout);
        if (waitUntil(bridges::idle, drainTimeout)) {
            Log.info("drained: no live calls");
            return;
        }
        byte[] goodbye = SpokenClips.SHUTDOWN_GOODBYE.audio();
        Duration goodbyeTime = Duration.ofMillis(goodbye.length / 8).plus(GOODBYE_SLACK);
        Log.warnf("drain deadline reached: saying goodbye to %d call(s)", bridges.activeCalls());
        bridges.endAllWithGoodbye(goodbye, EndReason.DRAIN_DEADLINE, goodbyeTime);
        if (!waitUntil(bridges::idle, goodbyeTime.plus(Duration.ofSeconds(1)))) {
            bridges.endAll(EndReason.SHUTDOWN);
            waitUntil(bridges::idle, Duration.ofSeconds(2));
        }
        Log.info("drained: every call has ended");
    }

    private static boolean waitUntil(BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
