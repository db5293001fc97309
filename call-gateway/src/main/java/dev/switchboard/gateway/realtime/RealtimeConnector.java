package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.localagent.LocalAgent;
import dev.switchboard.gateway.localagent.RealtimeTarget;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Opens one Realtime socket per call (OpenAI, or the built-in local agent) with the plain Vert.x WebSocket client,
 * GA interface: no beta header. Called from the caller's socket handler, the new socket lives on that same event
 * loop, so each call's state is touched by one thread only and its handlers are plain closures over the call,
 * with no per-connection lookup. A session opened early, when /twiml is answered, lives on the loop that served
 * /twiml; its call moves each event onto the call's own loop.
 */
@ApplicationScoped
public class RealtimeConnector {

    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final WebSocketClient client;
    private final LocalAgent targets;
    private final long connectTimeoutMs;
    private final GatewayConfig.Limits limits;
    private final GatewayMetrics metrics;
    private final String model;

    RealtimeConnector(Vertx vertx, GatewayConfig config, LocalAgent targets, GatewayMetrics metrics) {
        this.targets = targets;
        this.limits = config.limits();
        this.metrics = metrics;
        this.model = config.openai().model();
        this.connectTimeoutMs = config.openai().connectTimeout().toMillis();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(config.limits().maxCalls() + 16)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setConnectTimeout((int) connectTimeoutMs));
    }

    /** Connects; the listener sees every event from the moment the socket is open. */
    public Future<AgentLeg> connect(String callSid, RealtimeListener listener) {
        RealtimeTarget target = targets.target();
        URI url = target.uri();
        boolean tls = "wss".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setTimeout(connectTimeoutMs);
        target.apiKey().filter(key -> !key.isBlank())
                .ifPresent(key -> options.putHeader("Authorization", "Bearer " + key));
        return client.connect(options).map(socket -> new RealtimeSocket(socket, callSid, model, listener,
                limits.socketWriteBufferChars(), limits.sendQueueAudioMs(),
                () -> metrics.audioDropped("caller-to-agent")));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
