package dev.switchboard.control.gateway;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.security.BearerToken;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Lets a gateway upgrade to {@code /internal/gateway} only with {@code Authorization: Bearer <internal token>}.
 * Refusing at the upgrade means a wrong token never sees a single frame. Without a configured token
 * (local mode) only loopback peers are let in.
 */
@ApplicationScoped
public class GatewayAuthCheck implements HttpUpgradeCheck {

    private final ControlConfig config;

    GatewayAuthCheck(ControlConfig config) {
        this.config = config;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return GatewaySocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var token = config.security().internalToken().filter(t -> !t.isBlank());
        boolean allowed = token.isPresent()
                ? BearerToken.matches(context.httpRequest().getHeader("Authorization"), token.get())
                : isLoopback(context.httpRequest().remoteAddress());
        if (allowed) {
            return CheckResult.permitUpgrade();
        }
        Log.warnf("refused a gateway link from %s: bad or missing internal token", peer(context));
        return CheckResult.rejectUpgrade(401);
    }

    private static boolean isLoopback(SocketAddress address) {
        try {
            return address != null && address.hostAddress() != null
                    && InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String peer(HttpUpgradeContext context) {
        SocketAddress address = context.httpRequest().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
