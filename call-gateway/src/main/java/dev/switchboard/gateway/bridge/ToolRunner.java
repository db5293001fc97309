package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.ClientEvents;
import dev.switchboard.gateway.session.AgentConfig;
import dev.switchboard.gateway.tools.CallControl;
import dev.switchboard.gateway.tools.CallTool;
import dev.switchboard.gateway.tools.ToolInvocation;
import dev.switchboard.gateway.tools.ToolResult;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the model's function calls for one call: each once (by call_id), bounded by the tool's timeout, and always
 * answered with a function_call_output, errors included, so a tool can never stall or crash the call. A tool still
 * running after the filler delay gets a spoken "one moment" (an out-of-band response in the session's voice). A
 * conversation has one active response at a time, so the answer's response.create waits ({@link Responses}) until
 * the response that called the tool, or the filler, is done.
 */
final class ToolRunner implements CallControl {

    /** Slack over a tool's own deadline before the runner gives up on it, so the tool reports its own timeout. */
    private static final Duration OWN_TIMEOUT_SLACK = Duration.ofMillis(500);

    private final CallBridge call;
    private final Set<String> seen = new HashSet<>();
    private int running;

    ToolRunner(CallBridge call) {
        this.call = call;
    }

    void onFunctionCall(String name, String callId, String arguments) {
        if (callId == null || !seen.add(callId)) {
            return;
        }
        running++;
        call.publish.toolCalled(name, callId, arguments);
        Optional<CallTool> tool = call.services.tools().find(call.session.config(), name);
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
        Duration timeout = tool.get().timeout().map(own -> own.plus(OWN_TIMEOUT_SLACK))
                .orElse(call.services.config().limits().toolTimeout());
        boolean[] answered = new boolean[1];
        long filler = !tool.get().filler() ? -1 : call.vertx().setTimer(
                Math.max(1, call.services.config().limits().toolFillerDelay().toMillis()),
                id -> call.execute(() -> sayFiller(name, answered[0])));
        result.ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure().recoverWithItem(failure -> failed(name, failure))
                .subscribe().with(done -> call.execute(() -> {
                    answered[0] = true;
                    if (filler >= 0) {
                        call.vertx().cancelTimer(filler);
                    }
                    answer(name, callId, done);
                }));
    }

    /** Only while no response runs: the filler would be refused, and one is enough for tools running together. */
    private void sayFiller(String name, boolean answered) {
        if (answered || call.ended() || !call.responses.idle()) {
            return;
        }
        Log.debugf("[call=%s] tool %s is slow: the caller hears a filler", call.callSid(), name);
        call.responses.startNow(ClientEvents.filler());
    }

    private ToolResult failed(String name, Throwable failure) {
        if (failure instanceof TimeoutException) {
            Log.warnf("[call=%s] tool %s timed out", call.callSid(), name);
            return ToolResult.failed("The tool did not answer in time.");
        }
        Log.warnf("[call=%s] tool %s failed: %s", call.callSid(), name, failure.getMessage());
        return ToolResult.failed("The tool failed.");
    }

    /** No tool running (an answer waiting to be spoken is {@link Responses}'). */
    boolean idle() {
        return running == 0;
    }

    private void answer(String name, String callId, ToolResult result) {
        running--;
        if (call.ended()) {
            return;
        }
        // While a transfer is under way the model must not speak again; the result is still recorded.
        if (!call.transfer.underWay()) {
            call.session.send(ClientEvents.functionCallOutput(callId, result.output()));
            if (result.respond()) {
                call.responses.ask();
            }
        }
        call.services.metrics().toolCalled(name, result.error() ? "error" : "ok");
        call.publish.toolResult(name, callId, result.output(), result.error());
    }

    @Override
    public String callSid() {
        return call.callSid();
    }

    @Override
    public Map<String, String> variables() {
        return call.variables();
    }

    @Override
    public AgentConfig config() {
        return call.session.config();
    }

    @Override
    public void endAfterFarewell(String reason) {
        call.execute(() -> {
            Log.infof("[call=%s] agent is ending the call", call.callSid());
            call.farewell.request(() -> call.end(EndReason.AGENT_HUNG_UP));
        });
    }

    @Override
    public void transferAfterFarewell(String target, String reason, Consumer<Optional<String>> outcome) {
        call.execute(() -> {
            Log.infof("[call=%s] agent asks to transfer the call", call.callSid());
            call.transfer.ask(target, reason, outcome);
        });
    }
}
