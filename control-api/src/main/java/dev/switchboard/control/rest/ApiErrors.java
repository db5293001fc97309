package dev.switchboard.control.rest;

import dev.switchboard.control.calls.CallAlreadyEndedException;
import dev.switchboard.control.calls.CallNotFoundException;
import dev.switchboard.control.calls.CallNotLiveException;
import dev.switchboard.control.calls.DialFailedException;
import dev.switchboard.control.calls.DialerUnavailableException;
import dev.switchboard.control.calls.DtmfUnsupportedException;
import dev.switchboard.control.calls.RecordingNotFoundException;
import dev.switchboard.control.calls.RecordingUnavailableException;
import dev.switchboard.control.config.InvalidConfigException;
import dev.switchboard.control.config.ProfileException;
import dev.switchboard.control.config.StaleConfigException;
import dev.switchboard.control.errors.ApiError;
import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.idempotency.IdempotencyKeyInFlightException;
import dev.switchboard.control.idempotency.IdempotencyKeyReusedException;
import dev.switchboard.control.replicas.RoutedCommandException;
import dev.switchboard.control.security.LogTickets;
import dev.switchboard.control.security.RateLimitedException;
import dev.switchboard.control.storage.StorageException;
import dev.switchboard.control.suppressions.NumberSuppressedException;
import dev.switchboard.control.suppressions.SuppressionNotFoundException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to an {@link ApiError}; never echoes upstream bodies, SQL, class names or secrets. */
public class ApiErrors {

    @ServerExceptionMapper
    RestResponse<ApiError> invalidConfig(InvalidConfigException e) {
        return json(new ApiError(400, "config.invalid", e.getMessage(), e.field(), null));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> staleConfig(StaleConfigException e) {
        return json(ApiError.of(412, "config.stale", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> profile(ProfileException e) {
        return json(ApiError.of(e.status(), e.code(), e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> invalidInput(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().iterator().next();
        String field = lastNode(first.getPropertyPath().toString());
        return json(new ApiError(400, "request.invalid", field + " " + first.getMessage(), field, null));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> invalidInput(InvalidInputException e) {
        return json(new ApiError(400, "request.invalid", e.getMessage(), e.field(), null));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> callEnded(CallAlreadyEndedException e) {
        return json(ApiError.of(409, "call.ended", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> callNotLive(CallNotLiveException e) {
        return json(ApiError.of(409, "call.not-live", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> dtmfUnsupported(DtmfUnsupportedException e) {
        return json(ApiError.of(409, "dtmf.unsupported", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> unknownCall(CallNotFoundException e) {
        return json(ApiError.of(404, "call.unknown", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> noRecording(RecordingNotFoundException e) {
        return json(ApiError.of(404, "recording_not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> recordingUnavailable(RecordingUnavailableException e) {
        return json(ApiError.of(502, "recording_unavailable", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> dialFailed(DialFailedException e) {
        Log.warnf("twilio refused the request: code %s", e.twilioCode());
        String message = e.twilioCode() == null ? "Twilio could not be reached" : "Twilio refused the request";
        return json(new ApiError(502, "twilio.rejected", message, null, e.twilioCode()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> noDialer(DialerUnavailableException e) {
        return json(ApiError.of(503, "dialer.unavailable", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> suppressed(NumberSuppressedException e) {
        return json(ApiError.of(403, "number_suppressed", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notSuppressed(SuppressionNotFoundException e) {
        return json(ApiError.of(404, "suppression_not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> keyReused(IdempotencyKeyReusedException e) {
        return json(ApiError.of(422, "idempotency_key_reused", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> keyInFlight(IdempotencyKeyInFlightException e) {
        return RestResponse.ResponseBuilder.<ApiError>create(409)
                .entity(ApiError.of(409, "idempotency_key_in_flight", e.getMessage()))
                .header("Retry-After", e.retryAfterSeconds()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    RestResponse<ApiError> rateLimited(RateLimitedException e) {
        return RestResponse.ResponseBuilder.<ApiError>create(429).entity(ApiError.of(429, "rate.limited", "Too many requests"))
                .header("Retry-After", e.retryAfterSeconds()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    RestResponse<ApiError> tooManyTickets(LogTickets.TooManyTicketsException e) {
        return json(ApiError.of(429, "tickets.exhausted", "Too many unredeemed log tickets"));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> storage(StorageException e) {
        Log.errorf("storage failure: %s", e.getMessage());
        return json(ApiError.of(503, "storage.unavailable", "The store is unavailable"));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> routed(RoutedCommandException e) {
        return json(e.error());
    }

    @ServerExceptionMapper
    RestResponse<ApiError> http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return json(ApiError.of(status, "http." + status, reason));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> unexpected(RuntimeException e) {
        // Class and message only at DEBUG: messages of driver exceptions can carry row values.
        Log.errorf("unexpected failure (%s)", e.getClass().getSimpleName());
        Log.debug("unexpected failure", e);
        return json(ApiError.of(500, "internal", "Internal error"));
    }

    /**
     * The error body the endpoint would answer for {@code e}: a replica that ran a command for another sends it
     * back, so the REST caller gets the same answer wherever it asked.
     */
    public static ApiError describe(RuntimeException e) {
        ApiErrors errors = new ApiErrors();
        RestResponse<ApiError> mapped = switch (e) {
            case InvalidConfigException x -> errors.invalidConfig(x);
            case StaleConfigException x -> errors.staleConfig(x);
            case ProfileException x -> errors.profile(x);
            case ConstraintViolationException x -> errors.invalidInput(x);
            case InvalidInputException x -> errors.invalidInput(x);
            case CallAlreadyEndedException x -> errors.callEnded(x);
            case CallNotLiveException x -> errors.callNotLive(x);
            case DtmfUnsupportedException x -> errors.dtmfUnsupported(x);
            case CallNotFoundException x -> errors.unknownCall(x);
            case DialFailedException x -> errors.dialFailed(x);
            case DialerUnavailableException x -> errors.noDialer(x);
            case RoutedCommandException x -> errors.routed(x);
            case StorageException x -> errors.storage(x);
            case WebApplicationException x -> errors.http(x);
            default -> errors.unexpected(e);
        };
        return mapped.getEntity();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static RestResponse<ApiError> json(ApiError error) {
        return RestResponse.ResponseBuilder.<ApiError>create(error.status()).entity(error).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
