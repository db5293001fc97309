package dev.switchboard.control.twilio;

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

/**
 * {@code POST /twilio/amd}: Twilio's asynchronous answering-machine detection result for a call dialed with
 * {@code amd} ({@code AsyncAmdStatusCallback}), signature-checked like the status callback.
 */
@Path(AmdCallbackResource.PATH)
public class AmdCallbackResource {

    static final String PATH = "/twilio/amd";

    private final TwilioWebhooks webhooks;
    private final AmdCallbacks callbacks;

    AmdCallbackResource(TwilioWebhooks webhooks, AmdCallbacks callbacks) {
        this.webhooks = webhooks;
        this.callbacks = callbacks;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @Operation(summary = "Twilio asynchronous answering-machine detection callback")
    public RestResponse<Void> amd(String body, @HeaderParam("Content-Type") String contentType,
                                  @HeaderParam("X-Twilio-Signature") String twilioSignature, @Context UriInfo uri) {
        Map<String, String> params = webhooks.verified(PATH, body, contentType, twilioSignature, uri, "CallSid",
                "AnsweredBy");
        callbacks.accept(params.get("CallSid"), params.get("AnsweredBy"), params.get("MachineDetectionDuration"));
        return RestResponse.noContent();
    }
}
