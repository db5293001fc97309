package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.ClientEvents;
import dev.switchboard.gateway.tools.CallControl;
import dev.switchboard.gateway.tools.CallTool;
import dev.switchboard.gateway.tools.ToolInvocation;
import dev.switchboard.gateway.tools.ToolResult;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Runs the model's function calls for one call: each once (by call_id), bounded by the tool timeout, and always
 * answered with a function_call_output, errors included, so a tool can never stall or crash the call.
 */
final class ToolRunner implements CallControl {

    private final CallBridge call;
    private final Set<String> seen = new HashSet<>();

    ToolRunner(CallBridge call) {
        this.call = call;
    }

    void onFunctionCall(String name, String callId, String arguments) {
        if (callId == null || !seen.add(callId)) {
            return;
        }
        call.publish.toolCalled(name, callId, arguments);
        Optional<CallTool> tool = call.services.tools().find(name);
        if (tool.isEmpty()) {
            answer("unknown", callId, ToolResult.failed("There is no tool named " + name + "."));
            return;
        }
        JsonObject args;
        try {
            args = arguments == null || arguments.isBlank() ? new JsonObject() : new JsonObject(arguments);
        } catch (DecodeException | ClassCastException e) {
            answer(name, callId, ToolResult.failed("The arguments were not a JSON object."));
            return;
        }
        Uni<ToolResult> result;
        try {
            result = tool.get().invoke(new ToolInvocation(name, callId, args, this));
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        result.ifNoItem().after(call.services.config().limits().toolTimeout()).failWith(TimeoutException::new)
                .onFailure().recoverWithItem(failure -> failed(name, failure))
                .subscribe().with(done -> call.execute(() -> answer(name, callId, done)));
    }

    private ToolResult failed(String name, Throwable failure) {
        if (failure instanceof TimeoutException) {
            Log.warnf("[call=%s] tool %s timed out", call.callSid(), name);
            return ToolResult.failed("The tool did not answer in time.");
        }
        Log.warnf("[call=%s] tool %s failed: %s", call.callSid(), name, failure.getMessage());
        return ToolResult.failed("The tool failed.");
    }

    private void answer(String name, String callId, ToolResult result) {
        if (call.ended()) {
            return;
        }
        call.session.send(ClientEvents.functionCallOutput(callId, result.output()));
        if (result.respond()) {
            call.session.send(ClientEvents.RESPONSE_CREATE);
        }
        call.services.metrics().toolCalled(name, result.error() ? "error" : "ok");
        call.publish.toolResult(name, callId, result.output(), result.error());
    }

    @Override
    public String callSid() {
        return call.callSid();
    }

    @Override
    public void endAfterFarewell(String reason) {
        call.execute(() -> {
            Log.infof("[call=%s] agent is ending the call", call.callSid());
            call.farewell.request();
        });
    }
}
