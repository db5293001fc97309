package dev.switchboard.control.calls;

import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.CallDetail;
import dev.switchboard.control.history.CallFilter;
import dev.switchboard.control.history.CallPage;
import dev.switchboard.control.history.CallStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/calls}: place outbound calls, read the history, hang up, transfer. Commands on a live call run on the
 * replica that holds it ({@link CallCommandRouting}).
 */
@Path("/api/calls")
public class CallResource {

    private final CallService calls;
    private final CallCommandRouting commands;

    CallResource(CallService calls, CallCommandRouting commands) {
        this.calls = calls;
        this.commands = commands;
    }

    @POST
    @Operation(summary = "Place an outbound call")
    public RestResponse<PlacedCall> place(@Valid @NotNull(message = "is required") PlaceCallRequest request,
                                          @Context UriInfo uri) {
        PlacedCall call = calls.place(request);
        return RestResponse.ResponseBuilder.<PlacedCall>created(uri.getAbsolutePathBuilder().path(call.sid()).build())
                .entity(call).build();
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
