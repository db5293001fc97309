package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Admission of calls: a slot per media stream up to SWITCHBOARD_MAX_CALLS, and none while draining. */
@ApplicationScoped
public class CallAdmission {

    private final int maxCalls;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    CallAdmission(GatewayConfig config, GatewayMetrics metrics) {
        this.maxCalls = config.limits().maxCalls();
        metrics.activeCalls(active::get);
    }

    /** Whether a new call would be admitted now (a quick check for /twiml and the upgrade, not a reservation). */
    public boolean hasRoom() {
        return !draining.get() && active.get() < maxCalls;
    }

    /** Takes a slot for a media stream; false when full or draining. */
    public boolean tryAcquire() {
        if (draining.get()) {
            return false;
        }
        while (true) {
            int now = active.get();
            if (now >= maxCalls) {
                return false;
            }
            if (active.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    public int maxCalls() {
        return maxCalls;
    }

    /** From now on no new call is admitted and readiness reports DOWN. */
    public void startDraining() {
        draining.set(true);
    }

    public boolean draining() {
        return draining.get();
    }
}
