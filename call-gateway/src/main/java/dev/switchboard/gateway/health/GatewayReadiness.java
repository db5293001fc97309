package dev.switchboard.gateway.health;

import dev.switchboard.gateway.bridge.CallAdmission;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while this instance takes new calls: DOWN once it drains for shutdown. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final CallAdmission admission;

    GatewayReadiness(CallAdmission admission) {
        this.admission = admission;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("calls")
                .status(!admission.draining())
                .withData("activeCalls", admission.active())
                .withData("maxCalls", admission.maxCalls())
                .withData("draining", admission.draining())
                .build();
    }
}
