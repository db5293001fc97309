package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.bridge.AgentLeg;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Opens one OpenAI Realtime socket per call with the plain Vert.x WebSocket client (GA interface: no beta header).
 * Called from the caller's socket handler, the new socket lives on that same event loop, so each call's state is
 * touched by one thread only and its handlers are plain closures over the call, with no per-connection lookup.
 */
@ApplicationScoped
public class RealtimeConnector {

    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final WebSocketClient client;
    private final GatewayConfig.OpenAi openai;
    private final String requestUri;

    RealtimeConnector(Vertx vertx, GatewayConfig config) {
        this.openai = config.openai();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(config.limits().maxCalls() + 16)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setConnectTimeout((int) openai.connectTimeout().toMillis()));
        URI url = openai.url();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : url.getRawQuery() + "&";
        this.requestUri = path + "?" + query + "model=" + URLEncoder.encode(openai.model(), StandardCharsets.UTF_8);
    }

    /** Connects; the listener sees every event from the moment the socket is open. */
    public Future<AgentLeg> connect(String callSid, RealtimeListener listener) {
        URI url = openai.url();
        boolean tls = "wss".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(requestUri)
                .setTimeout(openai.connectTimeout().toMillis());
        openai.apiKey().filter(key -> !key.isBlank())
                .ifPresent(key -> options.putHeader("Authorization", "Bearer " + key));
        return client.connect(options).map(socket -> new RealtimeSocket(socket, callSid, listener));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
