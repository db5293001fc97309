package dev.switchboard.control.suppressions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.control.errors.ApiError;
import dev.switchboard.control.errors.InvalidInputException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.InputStream;

/** {@code /api/suppressions}: numbers that are never dialed (docs/api.md, Suppressions). */
@Path("/api/suppressions")
public class SuppressionResource {

    private static final String CSV = "text/csv";

    private final Suppressions suppressions;
    private final SuppressionImport imports;
    private final ObjectMapper json;

    SuppressionResource(Suppressions suppressions, SuppressionImport imports, ObjectMapper json) {
        this.json = json;
        this.suppressions = suppressions;
        this.imports = imports;
    }

    @GET
    @Operation(summary = "The suppression list, newest first")
    public SuppressionPage list(@QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new InvalidInputException("size", "must be between 1 and 100");
        }
        return suppressions.page(page, size);
    }

    @GET
    @Path("/{number}")
    @Operation(summary = "One suppressed number: why, who added it and when")
    @APIResponse(responseCode = "200", description = "The number is suppressed",
            content = @Content(schema = @Schema(implementation = Suppression.class)))
    @APIResponse(responseCode = "404", description = "Not on the list (suppression_not_found)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Suppression get(@Parameter(description = "E.164, e.g. +14155550123 (%2B14155550123 in a URL also works)")
                           @PathParam("number") String number) {
        return suppressions.find(number);
    }

    @PUT
    @Path("/{number}")
    @Operation(summary = "Suppress a number; idempotent (a number already on the list keeps its first reason)")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = Suppression.class)))
    @APIResponse(responseCode = "200", description = "Was already on the list: the row as stored",
            content = @Content(schema = @Schema(implementation = Suppression.class)))
    @APIResponse(responseCode = "400", description = "Not an E.164 number, or reason too long (request.invalid)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SuppressionRequest.class)))
    public RestResponse<Suppression> put(@PathParam("number") String number, String body) {
        Suppressions.Added added = suppressions.add(number, reason(body), Suppression.API);
        return RestResponse.status(added.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                added.row());
    }

    @DELETE
    @Path("/{number}")
    @Operation(summary = "Take a number off the list: it may be dialed again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Not on the list (suppression_not_found)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RestResponse<Void> delete(@PathParam("number") String number) {
        suppressions.remove(number);
        return RestResponse.noContent();
    }

    // The body is optional, so it is read by hand: without one a request carries no Content-Type either.
    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        SuppressionRequest request;
        try {
            request = json.readValue(body, SuppressionRequest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "must be a JSON object like {\"reason\": \"…\"}");
        }
        if (request == null) {
            return null;
        }
        if (request.reason() != null && request.reason().length() > 500) {
            throw new InvalidInputException("reason", "must be at most 500 characters");
        }
        return request.reason();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suppress many numbers: a JSON array of numbers or {number, reason} objects, read as it"
            + " arrives; invalid entries are reported, the others added")
    @APIResponse(responseCode = "200", description = "What was added; errors names invalid entries",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON array (request.invalid)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ImportReport importJson(InputStream body) {
        return imports.fromJson(body);
    }

    @POST
    @Path("/import")
    @Consumes(CSV)
    @Operation(summary = "Suppress many numbers from CSV: one number per line, optionally ',reason';"
            + " a first line starting with 'number' is a header")
    @APIResponse(responseCode = "200", description = "What was added; errors names invalid lines",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    public ImportReport importCsv(InputStream body) {
        return imports.fromCsv(body);
    }
}
