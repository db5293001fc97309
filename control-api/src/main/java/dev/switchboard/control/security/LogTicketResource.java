package dev.switchboard.control.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;

/** {@code POST /api/logs/tickets}: a single-use ticket for opening {@code /logs?ticket=} from a browser. */
@Path("/api/logs/tickets")
public class LogTicketResource {

    private final LogTickets tickets;

    LogTicketResource(LogTickets tickets) {
        this.tickets = tickets;
    }

    /** The issued ticket and the instant after which it is refused. */
    @RegisterForReflection
    public record LogTicket(String ticket, Instant expiresAt) { }

    @POST
    @Operation(summary = "Issue a short-lived, single-use ticket for the /logs WebSocket")
    public RestResponse<LogTicket> issue() {
        Instant now = Instant.now();
        String ticket = tickets.issue();
        return RestResponse.status(RestResponse.Status.CREATED, new LogTicket(ticket, now.plus(LogTickets.TTL)));
    }
}
