package dev.switchboard.control.webhooks;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** {@code /api/webhooks}: subscriptions to call outcome events, their recent delivery attempts, and replays. */
@Path("/api/webhooks")
public class WebhookResource {

    private static final int LATEST_ATTEMPTS = 100;

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;

    WebhookResource(Subscriptions subscriptions, Deliveries deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    /** How many of the call's events were queued again. */
    @RegisterForReflection
    public record Replayed(String callSid, int events) { }

    @POST
    @Operation(summary = "Subscribe a URL to call events; the answer carries the signing secret, shown only once")
    public RestResponse<WebhookView> create(@Valid @NotNull WebhookRequest request, @Context UriInfo uri) {
        WebhookView created = subscriptions.create(request);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, created)
                .location(uri.getAbsolutePathBuilder().path(created.id()).build()).build();
    }

    @GET
    @Operation(summary = "List subscriptions (without secrets)")
    public List<WebhookView> list() {
        return subscriptions.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription (without its secret)")
    public WebhookView get(@PathParam("id") String id) {
        return existing(id).withoutSecret();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription and its pending deliveries")
    public RestResponse<Void> delete(@PathParam("id") String id) {
        if (!subscriptions.delete(id)) {
            throw unknown(id);
        }
        return RestResponse.noContent();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The latest delivery attempts, newest first")
    public List<DeliveryAttempt> deliveries(@PathParam("id") String id) {
        existing(id);
        return deliveries.latest(id, LATEST_ATTEMPTS);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Send a call's stored events to this subscription again, in order")
    public RestResponse<Replayed> replay(@PathParam("id") String id, @Valid @NotNull ReplayRequest request) {
        existing(id);
        int events = subscriptions.replay(id, request.callSid());
        if (events == 0) {
            throw new WebhookErrors.UnknownWebhookException("call.unknown",
                    "No events of that call are stored for this subscription");
        }
        return RestResponse.status(RestResponse.Status.ACCEPTED, new Replayed(request.callSid(), events));
    }

    private WebhookView existing(String id) {
        return subscriptions.find(id).orElseThrow(() -> unknown(id));
    }

    private static WebhookErrors.UnknownWebhookException unknown(String id) {
        return new WebhookErrors.UnknownWebhookException("webhook.unknown", "No webhook subscription has that id");
    }
}
