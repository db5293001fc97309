package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.control.errors.InvalidInputException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /api/profiles}: named agent configs with their numbers, each change a new version (ETag = version);
 * {@code If-Match} guards writes, {@code If-None-Match: *} makes a PUT create-only. {@code default} is /api/config.
 */
@Path("/api/profiles")
@Blocking
public class ProfileResource {

    private final ProfileService profiles;

    ProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @Operation(summary = "Every profile: name, current version, numbers, when it last changed")
    public List<ProfileSummary> list() {
        return profiles.list();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "A profile's current version (AgentConfig with profile and numbers); its ETag is the version")
    @APIResponse(responseCode = "404", description = "No such profile (profile.unknown)")
    public RestResponse<AgentConfig> get(@PathParam("name") String name) {
        AgentConfig current = profiles.current(name);
        return RestResponse.ResponseBuilder.ok(current).tag(etag(current)).build();
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Create or replace a profile as its next version")
    @APIResponse(responseCode = "200", description = "Stored as the next version")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Bad name (request.invalid) or config (config.invalid + field)")
    @APIResponse(responseCode = "409", description = "A number belongs to another profile (number_in_use)")
    @APIResponse(responseCode = "412", description = "If-Match is stale, or If-None-Match: * and the profile exists"
            + " (precondition_failed)")
    public RestResponse<AgentConfig> put(@PathParam("name") String name, AgentConfig proposed,
                                         @HeaderParam("If-Match") String ifMatch,
                                         @HeaderParam("If-None-Match") String ifNoneMatch) {
        boolean createOnly = ifNoneMatch != null && ifNoneMatch.strip().equals("*");
        ProfileService.Stored stored = guarded(() -> profiles.put(name, proposed, IfMatch.version(ifMatch), createOnly));
        return RestResponse.ResponseBuilder.<AgentConfig>create(stored.created() ? 201 : 200)
                .entity(stored.config()).tag(etag(stored.config())).build();
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a profile; its numbers' calls get the default profile from now on")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such profile (profile.unknown)")
    @APIResponse(responseCode = "409", description = "The default profile cannot be deleted (profile.default)")
    @APIResponse(responseCode = "412", description = "If-Match is stale (precondition_failed)")
    public RestResponse<Void> delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
        guarded(() -> {
            profiles.delete(name, IfMatch.version(ifMatch));
            return null;
        });
        return RestResponse.noContent();
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every version of a profile, newest first")
    public List<ProfileVersion> versions(@PathParam("name") String name) {
        return profiles.versions(name);
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "One version of a profile as it was stored")
    @APIResponse(responseCode = "404", description = "No such profile or version (profile.unknown,"
            + " profile.version-unknown)")
    public AgentConfig version(@PathParam("name") String name, @PathParam("version") long version) {
        return profiles.version(name, version);
    }

    @POST
    @Path("/{name}/rollback")
    @Operation(summary = "Store an earlier version again as the profile's next version")
    @APIResponse(responseCode = "200", description = "Stored as the next version, equal to the one named")
    @APIResponse(responseCode = "404", description = "No such profile or version")
    @APIResponse(responseCode = "409", description = "A number of that version now belongs to another profile"
            + " (number_in_use)")
    @APIResponse(responseCode = "412", description = "If-Match is stale (precondition_failed)")
    public RestResponse<AgentConfig> rollback(@PathParam("name") String name, RollbackRequest request,
                                              @HeaderParam("If-Match") String ifMatch) {
        if (request == null || request.version() == null) {
            throw new InvalidInputException("version", "is required");
        }
        AgentConfig stored = guarded(() -> profiles.rollback(name, request.version(), IfMatch.version(ifMatch)))
                .config();
        return RestResponse.ResponseBuilder.ok(stored).tag(etag(stored)).build();
    }

    // /api/config answers a stale write with config.stale, as it always has; profiles use precondition_failed.
    private static <T> T guarded(Supplier<T> write) {
        try {
            return write.get();
        } catch (StaleConfigException e) {
            throw ProfileException.preconditionFailed("the profile has changed or exists; current version is "
                    + e.currentVersion());
        }
    }

    static EntityTag etag(AgentConfig config) {
        return new EntityTag(Long.toString(config.version()));
    }
}
