package dev.switchboard.control.calls;

import dev.switchboard.contract.link.CallConversation;
import dev.switchboard.contract.link.ConversationItem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /internal/calls/{callSid}/conversation}: a gateway resuming a call fetches what it needs. */
@Path("/internal/calls/{callSid}/conversation")
// The records come from the plain contract module, which cannot carry Quarkus' annotation itself.
@RegisterForReflection(targets = {CallConversation.class, CallConversation.Ending.class, ConversationItem.class})
public class CallConversationResource {

    private final CallResumes resumes;

    CallConversationResource(CallResumes resumes) {
        this.resumes = resumes;
    }

    @GET
    @Operation(summary = "A call's conversation, profile version and ending, for resuming it (internal token required)")
    public CallConversation get(@PathParam("callSid") String callSid) {
        return resumes.conversation(callSid);
    }
}
