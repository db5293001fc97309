package dev.switchboard.control.calls;

import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.CallDetail;
import dev.switchboard.control.history.CallFilter;
import dev.switchboard.control.history.CallPage;
import dev.switchboard.control.history.CallStatus;
import dev.switchboard.control.idempotency.Answer;
import dev.switchboard.control.idempotency.IdempotencyKeys;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/calls}: place outbound calls, read the history, hang up, transfer. Commands on a live call run on the
 * replica that holds it ({@link CallCommandRouting}).
 */
@Path("/api/calls")
public class CallResource {

    // Keys of this operation never collide with keys another endpoint may take later.
    private static final String PLACE_SCOPE = "POST /api/calls";

    private final CallService calls;
    private final CallCommandRouting commands;
    private final IdempotencyKeys idempotency;
    private final CallRecordings recordings;

    CallResource(CallService calls, CallCommandRouting commands, IdempotencyKeys idempotency,
                 CallRecordings recordings) {
        this.calls = calls;
        this.recordings = recordings;
        this.commands = commands;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(summary = "Place an outbound call; with an Idempotency-Key, at most once per key and body (24 h)")
    @APIResponse(responseCode = "201", description = "Call placed, or the stored answer to an earlier request with"
            + " the same Idempotency-Key and body (then header Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = PlacedCall.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or Idempotency-Key (request.invalid)")
    @APIResponse(responseCode = "403", description = "The number is on the suppression list (number_suppressed):"
            + " nothing is dialed")
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running"
            + " (idempotency_key_in_flight)", headers = @Header(name = "Retry-After"))
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used with another body"
            + " (idempotency_key_reused), or no such profile (unknown_profile)")
    @APIResponse(responseCode = "502", description = "Twilio refused the call (twilio.rejected)")
    @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING,
            minLength = 1, maxLength = 255), description = "Printable ASCII, e.g. a UUID; remembered for 24 h")
    public RestResponse<PlacedCall> place(@Valid @NotNull(message = "is required") PlaceCallRequest request,
                                          @Context HttpServerRequest http, @Context UriInfo uri) {
        String idempotencyKey = idempotencyKey(http);
        Answer<PlacedCall> answer = idempotencyKey == null ? Answer.of(201, calls.place(request))
                : idempotency.once(PLACE_SCOPE, idempotencyKey, request, PlacedCall.class,
                        () -> Answer.of(201, calls.place(request)));
        RestResponse.ResponseBuilder<PlacedCall> response = RestResponse.ResponseBuilder.<PlacedCall>create(
                answer.status()).entity(answer.body())
                .location(uri.getAbsolutePathBuilder().path(answer.body().sid()).build());
        return answer.replayed() ? response.header(IdempotencyKeys.REPLAYED_HEADER, "true").build() : response.build();
    }

    @GET
    @Operation(summary = "Call history, newest first, filtered by number part, status and creation time")
    public CallPage list(@QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("20") int size,
                         @QueryParam("number") String number, @QueryParam("status") String status,
                         @QueryParam("since") String since, @QueryParam("until") String until) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new InvalidInputException("size", "must be between 1 and 100");
        }
        if (status != null && !CallStatus.known(status)) {
            throw new InvalidInputException("status", "is not a call status");
        }
        return calls.page(new CallFilter(digits(number), status, time("since", since), time("until", until)),
                page, size);
    }

    @GET
    @Path("/{sid}")
    @Operation(summary = "One call: timeline, transcript, tool calls, usage")
    public CallDetail get(@PathParam("sid") String sid) {
        return calls.find(sid);
    }

    @DELETE
    @Path("/{sid}")
    @Operation(summary = "Hang up a live call")
    public RestResponse<CallDetail> hangUp(@PathParam("sid") String sid) {
        commands.run(CallCommand.hangUp(sid));
        return RestResponse.accepted(calls.find(sid));
    }

    @GET
    @Path("/{sid}/recording")
    @Produces({"audio/wav", MediaType.APPLICATION_JSON})
    @Operation(summary = "The call's recording as WAV, streamed through control-api (Twilio's URL never leaves it)")
    @APIResponse(responseCode = "200", description = "The audio (audio/wav)")
    @APIResponse(responseCode = "404", description = "Unknown call (call.unknown) or no completed recording"
            + " (recording_not_found)")
    @APIResponse(responseCode = "502", description = "Twilio did not serve the audio (recording_unavailable)")
    public Response recording(@PathParam("sid") String sid) {
        calls.find(sid);
        RecordingAudio.Audio audio = recordings.open(sid);
        // Copied in small chunks as it arrives: a long recording is never held in memory whole.
        StreamingOutput body = out -> {
            try (InputStream in = audio.body()) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder response = Response.ok(body, audio.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + sid + ".wav\"")
                .header("Cache-Control", "no-store");
        audio.length().ifPresent(length -> response.header("Content-Length", length));
        return response.build();
    }

    @POST
    @Path("/{sid}/transfer")
    @Operation(summary = "Transfer a live call to a number or SIP address (Twilio <Dial>)")
    public RestResponse<CallDetail> transfer(@PathParam("sid") String sid,
                                             @Valid @NotNull(message = "is required") TransferRequest request) {
        commands.run(CallCommand.transfer(sid, request.target(), request.reason()));
        return RestResponse.accepted(calls.find(sid));
    }

    @POST
    @Path("/{sid}/dtmf")
    @Operation(summary = "Press keys in a live local call (409 for Twilio calls: Media Streams cannot carry them)")
    public RestResponse<DtmfSent> dtmf(@PathParam("sid") String sid,
                                       @Valid @NotNull(message = "is required") DtmfRequest request) {
        commands.run(CallCommand.dtmf(sid, request.digits()));
        return RestResponse.accepted(new DtmfSent(sid, request.digits()));
    }

    // Read from Vert.x, because an empty header must be refused, not taken for an absent one.
    private static String idempotencyKey(HttpServerRequest http) {
        List<String> keys = http.headers().getAll(IdempotencyKeys.HEADER);
        if (keys.size() > 1) {
            throw new InvalidInputException(IdempotencyKeys.HEADER, "must be sent once");
        }
        return keys.isEmpty() ? null : keys.getFirst();
    }

    private static String digits(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        if (!number.matches("\\+?\\d{1,15}")) {
            throw new InvalidInputException("number", "must be digits, optionally starting with +");
        }
        return number;
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO date (2026-01-31) or instant (2026-01-31T10:00:00Z)");
        }
    }
}
