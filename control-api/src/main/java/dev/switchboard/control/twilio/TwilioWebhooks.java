package dev.switchboard.control.twilio;

import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/**
 * Reads the parameters of a webhook Twilio sends to control-api ({@code /twilio/status}, {@code /twilio/recording})
 * and, with TWILIO_AUTH_TOKEN set, refuses it (403, nothing stored) unless {@code X-Twilio-Signature} matches;
 * then refuses it (400, nothing stored) when a parameter its resource needs is missing or blank.
 */
@ApplicationScoped
class TwilioWebhooks {

    private final SignatureCheck signature;

    TwilioWebhooks(SignatureCheck signature) {
        this.signature = signature;
    }

    /** The signed parameters; the signature is checked first, so an unsigned request never learns what is missing. */
    Map<String, String> verified(String path, String body, String contentType, String twilioSignature, UriInfo uri,
                                 String... required) {
        boolean json = contentType != null && contentType.startsWith(MediaType.APPLICATION_JSON);
        Map<String, String> params = json ? FormBody.json(body) : FormBody.parse(body);
        if (signature.enabled()) {
            String url = signature.publicUrl(path, uri.getRequestUri().getRawQuery());
            boolean valid = json ? signature.validJson(url, body, twilioSignature)
                    : signature.validForm(url, params, twilioSignature);
            if (!valid) {
                CallMdc.run(params.get("CallSid"),
                        () -> Log.warnf("%s callback with a missing or invalid signature refused", path));
                throw new ForbiddenException();
            }
        }
        for (String name : required) {
            if (params.get(name) == null || params.get(name).isBlank()) {
                throw new InvalidInputException(name, "is required");
            }
        }
        return params;
    }
}
