package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.tools.CallControl;
import dev.switchboard.gateway.tools.CallTool;
import dev.switchboard.gateway.tools.ToolInvocation;
import dev.switchboard.gateway.tools.ToolRegistry;
import dev.switchboard.gateway.tools.ToolResult;
import dev.switchboard.gateway.tracing.CallTrace;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the model's function calls for one call: each once (by call_id), bounded by the tool's timeout, and always
 * answered with a function_call_output, errors included, so a tool can never stall or crash the call. A tool still
 * running after the filler delay gets a spoken "one moment" (an out-of-band response in the session's voice). A
 * conversation has one active response at a time, so the answer's response.create waits ({@link Responses}) until
 * the response that called the tool, or the filler, is done. The tools act on the call through {@link CallControl}.
 */
final class ToolRunner implements CallControl {

    /** Slack over a tool's own deadline before the runner gives up on it, so the tool reports its own timeout. */
    private static final Duration OWN_TIMEOUT_SLACK = Duration.ofMillis(500);

    private final String callSid;
    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private final AgentChannel agent;
    private final Supplier<Map<String, String>> variables;
    private final Responses responses;
    private final Farewell farewell;
    private final Transfer transfer;
    private final Consumer<EndReason> end;
    private final CallEventPublisher publish;
    private final ToolRegistry tools;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Limits limits;
    private final CallTrace trace;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> startedAt = new HashMap<>();
    private int running;

    /** {@code variables} are the call's, from its context; {@code end} ends the call. */
    ToolRunner(String callSid, CallLoop loop, CallLifecycle lifecycle, AgentChannel agent,
               Supplier<Map<String, String>> variables, Responses responses, Farewell farewell, Transfer transfer,
               Consumer<EndReason> end, CallEventPublisher publish, CallServices services, CallTrace trace) {
        this.trace = trace;
        this.callSid = callSid;
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.agent = agent;
        this.variables = variables;
        this.responses = responses;
        this.farewell = farewell;
        this.transfer = transfer;
        this.end = end;
        this.publish = publish;
        this.tools = services.tools();
        this.metrics = services.metrics();
        this.limits = services.config().limits();
    }

    void onFunctionCall(String name, String callId, String arguments) {
        if (callId == null || !seen.add(callId)) {
            return;
        }
        running++;
        startedAt.put(callId, System.nanoTime());
        publish.toolCalled(name, callId, arguments);
        trace.toolStarted(callId, name);
        Optional<CallTool> tool = tools.find(agent.config(), name);
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
        try (Scope ignored = trace.toolScope(callId)) {
            result = tool.get().invoke(new ToolInvocation(name, callId, args, this));
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        Duration timeout = tool.get().timeout().map(own -> own.plus(OWN_TIMEOUT_SLACK)).orElse(limits.toolTimeout());
        boolean[] answered = new boolean[1];
        long filler = !tool.get().filler() ? -1
                : loop.setTimer(limits.toolFillerDelay().toMillis(), () -> sayFiller(name, answered[0]));
        result.ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure().recoverWithItem(failure -> failed(name, failure))
                .subscribe().with(done -> loop.execute(() -> {
                    answered[0] = true;
                    loop.cancelTimer(filler);
                    answer(name, callId, done);
                }));
    }

    /** Only while no response runs: the filler would be refused, and one is enough for tools running together. */
    private void sayFiller(String name, boolean answered) {
        if (answered || !lifecycle.conversing() || !responses.idle()) {
            return;
        }
        Log.debugf("tool %s is slow: the caller hears a filler", name);
        responses.startFiller();
    }

    private ToolResult failed(String name, Throwable failure) {
        if (failure instanceof TimeoutException) {
            CallMdc.run(callSid, () -> Log.warnf("tool %s timed out", name));
            return ToolResult.failed("The tool did not answer in time.");
        }
        CallMdc.run(callSid, () -> Log.warnf("tool %s failed: %s", name, failure.getMessage()));
        return ToolResult.failed("The tool failed.");
    }

    /** No tool running (an answer waiting to be spoken is {@link Responses}'). */
    boolean idle() {
        return running == 0;
    }

    private void answer(String name, String callId, ToolResult result) {
        running--;
        trace.toolEnded(callId, result.error());
        Long began = startedAt.remove(callId);
        if (began != null) {
            metrics.toolTime(CallQuality.profile(agent.config()), name, System.nanoTime() - began);
        }
        if (lifecycle.ended()) {
            return;
        }
        // Once the conversation is off (a transfer, a goodbye) the model must not speak again; the result is recorded.
        if (lifecycle.conversing()) {
            agent.sendToolOutput(callId, result.output());
            if (result.respond()) {
                responses.ask();
            }
        }
        metrics.toolCalled(name, result.error() ? "error" : "ok");
        publish.toolResult(name, callId, result.output(), result.error());
    }

    @Override
    public String callSid() {
        return callSid;
    }

    @Override
    public Map<String, String> variables() {
        return variables.get();
    }

    @Override
    public AgentConfig config() {
        return agent.config();
    }

    @Override
    public void endAfterFarewell(String reason) {
        loop.execute(() -> {
            Log.info("agent is ending the call");
            farewell.request(() -> end.accept(EndReason.AGENT_HUNG_UP));
        });
    }

    @Override
    public void transferAfterFarewell(String target, String reason, Consumer<Optional<String>> outcome) {
        loop.execute(() -> {
            Log.info("agent asks to transfer the call");
            trace.transferStarted("agent");
            transfer.ask(target, reason, outcome);
        });
    }
}
