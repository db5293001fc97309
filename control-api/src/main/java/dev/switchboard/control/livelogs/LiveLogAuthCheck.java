package dev.switchboard.control.livelogs;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.security.BearerToken;
import dev.switchboard.control.security.LogTickets;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * With an API key configured, /logs upgrades only with {@code Authorization: Bearer <key>} (programs) or a
 * single-use {@code ?ticket=} from {@code POST /api/logs/tickets} (browsers, which cannot set upgrade headers);
 * the key itself never travels in a URL.
 */
@ApplicationScoped
public class LiveLogAuthCheck implements HttpUpgradeCheck {

    private final ControlConfig config;
    private final LogTickets tickets;

    LiveLogAuthCheck(ControlConfig config, LogTickets tickets) {
        this.config = config;
        this.tickets = tickets;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return LiveLogSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var apiKey = config.security().apiKey().filter(k -> !k.isBlank());
        if (apiKey.isEmpty()
                || BearerToken.matches(context.httpRequest().getHeader("Authorization"), apiKey.get())) {
            return CheckResult.permitUpgrade();
        }
        String ticket = context.httpRequest().getParam("ticket");
        return ticket != null && tickets.redeem(ticket) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(401);
    }
}
