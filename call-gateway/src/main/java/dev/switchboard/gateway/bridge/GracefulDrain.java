package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Graceful shutdown (SIGTERM): readiness goes DOWN and no new call is admitted, live calls may finish until the
 * drain timeout, then whatever is left is ended with reason {@code shutdown}.
 */
@ApplicationScoped
public class GracefulDrain {

    private final CallAdmission admission;
    private final CallBridges bridges;
    private final Duration timeout;

    GracefulDrain(CallAdmission admission, CallBridges bridges, GatewayConfig config) {
        this.admission = admission;
        this.bridges = bridges;
        this.timeout = config.limits().drainTimeout();
    }

    // Runs before other shutdown observers, while the HTTP server still answers health checks and live sockets.
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        drain(timeout);
    }

    /** Stops admitting calls, waits up to {@code limit} for live calls to end, then ends the rest. */
    public void drain(Duration limit) {
        admission.startDraining();
        int live = bridges.activeCalls();
        if (live == 0) {
            return;
        }
        Log.infof("[call=-] draining: waiting up to %s for %d live calls", limit, live);
        long deadline = System.nanoTime() + limit.toNanos();
        while (bridges.activeCalls() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        if (bridges.activeCalls() > 0) {
            Log.warnf("[call=-] drain timeout: ending %d calls", bridges.activeCalls());
            bridges.endAll(EndReason.SHUTDOWN);
            long grace = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (bridges.activeCalls() > 0 && System.nanoTime() < grace) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }
}
