package dev.switchboard.gateway.tools;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.tracing.CallTraces;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A customer's HTTP tool from the agent config: POSTs {@code {tool, callId, callSid, arguments, variables}} as JSON
 * to its URL, signed when a webhook secret is set. Whatever happens, the model gets a function_call_output: the
 * webhook's JSON answer, or {@code {"error": "..."}} without any upstream detail.
 */
final class WebhookTool implements CallTool {

    private final AgentConfig.Tool tool;
    private final URI url;
    private final WebhookClient client;
    private final Optional<String> secret;
    private final Duration timeout;

    WebhookTool(AgentConfig.Tool tool, URI url, WebhookClient client, Optional<String> secret, Duration fallback) {
        this.tool = tool;
        this.url = url;
        this.client = client;
        this.secret = secret;
        this.timeout = tool.timeoutMs() != null && tool.timeoutMs() > 0 ? Duration.ofMillis(tool.timeoutMs()) : fallback;
    }

    /** The tool's URL when it is an absolute http(s) URL, else empty (such a tool is not offered). */
    static Optional<URI> url(AgentConfig.Tool tool) {
        try {
            URI url = tool.url() == null ? null : URI.create(tool.url().trim());
            boolean http = url != null && url.getHost() != null
                    && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
            return http ? Optional.of(url) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return tool.name();
    }

    @Override
    public String description() {
        return tool.description() == null ? "" : tool.description();
    }

    @Override
    public Map<String, Object> parameters() {
        return tool.parameters() != null ? tool.parameters() : Map.of("type", "object", "properties", Map.of());
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.of(timeout);
    }

    @Override
    public Uni<ToolResult> invoke(ToolInvocation invocation) {
        byte[] body = new JsonObject()
                .put("tool", tool.name())
                .put("callId", invocation.callId())
                .put("callSid", invocation.call().callSid())
                .put("arguments", invocation.arguments())
                .put("variables", new JsonObject(Map.copyOf(invocation.call().variables())))
                .encode().getBytes(StandardCharsets.UTF_8);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .set("Content-Type", "application/json")
                .set("Accept", "application/json")
                .set("User-Agent", "Switchboard-Gateway")
                .set("Idempotency-Key", invocation.call().callSid() + ":" + invocation.callId());
        long now = System.currentTimeMillis() / 1000;
        headers.set(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
        secret.ifPresent(key -> headers.set(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, now, body)));
        CallTraces.inject(headers);
        boolean idempotent = Boolean.TRUE.equals(tool.idempotent());
        return Uni.createFrom().completionStage(() -> client
                        .post(url, headers, Buffer.buffer(body), timeout.toMillis(), idempotent).toCompletionStage())
                .map(reply -> answer(invocation, reply))
                .onFailure().recoverWithItem(failure -> failed(invocation, failure));
    }

    private ToolResult answer(ToolInvocation invocation, WebhookClient.Reply reply) {
        if (reply.status() < 200 || reply.status() > 299) {
            CallMdc.run(invocation.call().callSid(),
                    () -> Log.warnf("webhook tool %s answered HTTP %d", tool.name(), reply.status()));
            return ToolResult.failed("The tool failed (HTTP " + reply.status() + ").");
        }
        String body = reply.body().trim();
        if (body.isEmpty()) {
            return ToolResult.ok(new JsonObject().put("ok", true));
        }
        try {
            Object json = Json.decodeValue(body);
            return json instanceof JsonObject object ? ToolResult.ok(object)
                    : ToolResult.ok(new JsonObject().put("result", json));
        } catch (DecodeException e) {
            return ToolResult.ok(new JsonObject().put("result", body));
        }
    }

    private ToolResult failed(ToolInvocation invocation, Throwable failure) {
        try (CallMdc.Scope ignored = CallMdc.enter(invocation.call().callSid())) {
            return failed(failure);
        }
    }

    private ToolResult failed(Throwable failure) {
        if (failure instanceof TimeoutException) {
            Log.warnf("webhook tool %s timed out after %d ms", tool.name(), timeout.toMillis());
            return ToolResult.failed("The tool did not answer in time.");
        }
        if (failure instanceof WebhookClient.TooLarge) {
            Log.warnf("webhook tool %s answered with a body over the size limit", tool.name());
            return ToolResult.failed("The tool's answer was too large.");
        }
        if (failure instanceof WebhookClient.NotConnected) {
            Log.warnf("webhook tool %s could not be reached: %s", tool.name(),
                    failure.getMessage());
            return ToolResult.failed("The tool could not be reached.");
        }
        Log.warnf("webhook tool %s failed: %s", tool.name(), failure.getMessage());
        return ToolResult.failed("The tool failed.");
    }
}
