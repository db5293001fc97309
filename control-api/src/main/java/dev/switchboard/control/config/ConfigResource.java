package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.EntityTag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code GET/PUT /api/config}: the agent's session config, versioned with ETag / If-Match. */
@Path("/api/config")
@Blocking
public class ConfigResource {

    private final ConfigService configs;

    ConfigResource(ConfigService configs) {
        this.configs = configs;
    }

    @GET
    @Operation(summary = "The current agent config; its ETag is the version")
    public RestResponse<AgentConfig> get() {
        AgentConfig current = configs.current();
        return RestResponse.ResponseBuilder.ok(current).tag(etag(current)).build();
    }

    @PUT
    @Operation(summary = "Replace the agent config; If-Match guards against overwriting a newer version")
    public RestResponse<AgentConfig> put(AgentConfig proposed, @HeaderParam("If-Match") String ifMatch) {
        AgentConfig stored = configs.replace(proposed, IfMatch.version(ifMatch));
        return RestResponse.ResponseBuilder.ok(stored).tag(etag(stored)).build();
    }

    private static EntityTag etag(AgentConfig config) {
        return new EntityTag(Long.toString(config.version()));
    }
}
