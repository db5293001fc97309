package dev.switchboard.control.webhooks;

import dev.switchboard.control.errors.ApiError;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the webhook feature's failures to {@link ApiError} bodies. */
public class WebhookErrors {

    /** The subscription's URL or events cannot be accepted; 422 naming the field. */
    public static class InvalidWebhookException extends RuntimeException {
        private final String field;

        InvalidWebhookException(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
        }
    }

    /** No subscription (or, for a replay, no stored event of the call) has that id; 404. */
    public static class UnknownWebhookException extends RuntimeException {
        private final String code;

        UnknownWebhookException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    @ServerExceptionMapper
    RestResponse<ApiError> invalid(InvalidWebhookException e) {
        return json(new ApiError(422, "webhook.invalid", e.getMessage(), e.field, null));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> unknown(UnknownWebhookException e) {
        return json(ApiError.of(404, e.code, e.getMessage()));
    }

    private static RestResponse<ApiError> json(ApiError error) {
        return RestResponse.ResponseBuilder.<ApiError>create(error.status()).entity(error)
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
