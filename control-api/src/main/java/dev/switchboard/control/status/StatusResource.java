package dev.switchboard.control.status;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.gateway.GatewayHello;
import dev.switchboard.control.gateway.GatewayLinks;
import dev.switchboard.control.twilio.SignatureCheck;
import dev.switchboard.control.twilio.TwilioCallDialer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Objects;

/** {@code GET /api/status}: the console's setup checklist (behind the API key like the rest of /api). */
@Path("/api/status")
public class StatusResource {

    private final ControlConfig config;
    private final TwilioCallDialer twilio;
    private final SignatureCheck signature;
    private final GatewayLinks links;

    StatusResource(ControlConfig config, TwilioCallDialer twilio, SignatureCheck signature, GatewayLinks links) {
        this.config = config;
        this.twilio = twilio;
        this.signature = signature;
        this.links = links;
    }

    @GET
    @Operation(summary = "What is configured (presence only, never a secret) and whether a gateway is linked")
    public SetupStatus status() {
        List<GatewayHello> hellos = links.hellos();
        return new SetupStatus(keyPresent(hellos), agentMode(hellos), twilio.configured(),
                twilio.configured() ? "twilio" : "local", PublicUrlCheck.of(config.publicUrl()),
                PublicUrlCheck.of(config.gatewayPublicUrl()), !hellos.isEmpty(), hellos.size(), signature.enabled(),
                config.security().apiKey().filter(key -> !key.isBlank()).isPresent());
    }

    // True only when every gateway that reported has a key: one without it answers its calls locally.
    private static Boolean keyPresent(List<GatewayHello> hellos) {
        List<Boolean> reported = hellos.stream().map(GatewayHello::openaiKeyPresent).filter(Objects::nonNull).toList();
        return reported.isEmpty() ? null : reported.stream().allMatch(Boolean::booleanValue);
    }

    // One mode when every reporting gateway agrees, "mixed" when they differ.
    private static String agentMode(List<GatewayHello> hellos) {
        List<String> modes = hellos.stream().map(GatewayHello::agentMode).filter(Objects::nonNull).distinct().toList();
        return modes.isEmpty() ? null : modes.size() == 1 ? modes.get(0) : "mixed";
    }
}
