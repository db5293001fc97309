package dev.switchboard.gateway.tools;

import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.logs.CallMdc;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Built-in {@code do_not_call}: the caller asked never to be called again. The gateway sends {@code call.suppress}
 * as a call event (queued and sent again until control-api has stored it, docs/protocol.md), and control-api puts
 * the call's remote number on the suppression list. The number never travels on the link: control-api has it from
 * the call's record, so the model cannot name another one.
 */
@ApplicationScoped
public class DoNotCallTool implements CallTool {

    private final CallEvents events;

    DoNotCallTool(CallEvents events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "do_not_call";
    }

    @Override
    public String description() {
        return "Put this caller's phone number on the do-not-call list. Call this only when the caller clearly asks "
                + "never to be called again, then confirm to them that they will not be called again.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object",
                "properties", Map.of("reason", Map.of("type", "string",
                        "description", "The caller's request, in a few words.")),
                "required", List.of());
    }

    // Queuing the event is instant: a spoken "one moment" would only be in the way.
    @Override
    public boolean filler() {
        return false;
    }

    @Override
    public Uni<ToolResult> invoke(ToolInvocation invocation) {
        String reason = invocation.arguments().getValue("reason") instanceof String text && !text.isBlank()
                ? text : "the caller asked not to be called again";
        events.publish(LinkType.CALL_SUPPRESS, invocation.call().callSid(), Map.of("reason", reason));
        CallMdc.run(invocation.call().callSid(),
                () -> Log.info("do_not_call: suppression of the remote number requested"));
        return Uni.createFrom().item(ToolResult.ok(new JsonObject().put("ok", true).put("message",
                "The number is on the do-not-call list. Tell the caller they will not be called again.")));
    }
}
