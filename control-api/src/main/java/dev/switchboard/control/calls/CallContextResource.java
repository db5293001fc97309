package dev.switchboard.control.calls;

import dev.switchboard.contract.link.CallContext;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /internal/calls/{callSid}/context}: the gateway fetches a call's own context at call start. */
@Path("/internal/calls/{callSid}/context")
// CallContext comes from the plain contract module, which cannot carry Quarkus' annotation itself.
@RegisterForReflection(targets = CallContext.class)
public class CallContextResource {

    private final CallService calls;

    CallContextResource(CallService calls) {
        this.calls = calls;
    }

    @GET
    @Operation(summary = "Per-call instructions and variables (internal token required)")
    public CallContext get(@PathParam("callSid") String callSid) {
        return calls.context(callSid);
    }
}
