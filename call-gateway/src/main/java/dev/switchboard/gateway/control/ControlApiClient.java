package dev.switchboard.gateway.control;

import dev.switchboard.contract.link.CallContext;
import dev.switchboard.contract.link.CallConversation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** control-api's internal REST surface, as the gateway uses it; built with CONTROL_API_URL as its base. */
@RegisterRestClient(configKey = "control-api")
@Path("/internal/calls")
public interface ControlApiClient {

    @GET
    @Path("/{callSid}/context")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CallContext> context(@PathParam("callSid") String callSid, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{callSid}/conversation")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CallConversation> conversation(@PathParam("callSid") String callSid,
                                       @HeaderParam("Authorization") String authorization);
}
