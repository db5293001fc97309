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
 * {@code POST /twilio/recording}: Twilio's recording status callbacks ({@code RecordingStatusCallback} of a call
 * placed with {@code Record=true}), signature-checked exactly like {@code /twilio/status}.
 */
@Path(RecordingCallbackResource.PATH)
public class RecordingCallbackResource {

    /** Where Twilio (and the local dialer) post recording status reports; PUBLIC_URL + this is signed. */
    public static final String PATH = "/twilio/recording";

    private final TwilioWebhooks webhooks;
    private final RecordingCallbacks callbacks;

    RecordingCallbackResource(TwilioWebhooks webhooks, RecordingCallbacks callbacks) {
        this.webhooks = webhooks;
        this.callbacks = callbacks;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @Operation(summary = "Twilio recording status callback")
    public RestResponse<Void> recording(String body, @HeaderParam("Content-Type") String contentType,
                                        @HeaderParam("X-Twilio-Signature") String twilioSignature,
                                        @Context UriInfo uri) {
        Map<String, String> params = webhooks.verified(PATH, body, contentType, twilioSignature, uri,
                "CallSid", "RecordingSid", "RecordingStatus");
        callbacks.accept(params);
        return RestResponse.noContent();
    }
}
