package dev.switchboard.control.twilio;

import dev.switchboard.control.history.CallStatus;
import dev.switchboard.control.tracing.CallTraces;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

/** {@code POST /twilio/status}: Twilio's call status callbacks (and async AMD results), signature-checked. */
@Path("/twilio/status")
public class StatusCallbackResource {

    static final String PATH = "/twilio/status";

    private final TwilioWebhooks webhooks;
    private final StatusCallbacks callbacks;
    private final CallTraces traces;

    StatusCallbackResource(TwilioWebhooks webhooks, StatusCallbacks callbacks, CallTraces traces) {
        this.traces = traces;
        this.webhooks = webhooks;
        this.callbacks = callbacks;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @Operation(summary = "Twilio call status callback")
    public RestResponse<Void> status(String body, @HeaderParam("Content-Type") String contentType,
                                     @HeaderParam("X-Twilio-Signature") String twilioSignature,
                                     @Context UriInfo uri) {
        Map<String, String> params = webhooks.verified(PATH, body, contentType, twilioSignature, uri, "CallSid");
        String status = params.get("CallStatus");
        Span span = traces.twilioStatus(params.get("CallSid"), status != null && CallStatus.known(status) ? status : "other",
                uri.getQueryParameters().getFirst(CallTraces.PARAMETER));
        try {
            callbacks.accept(params);
        } finally {
            span.end();
        }
        return RestResponse.noContent();
    }
}
