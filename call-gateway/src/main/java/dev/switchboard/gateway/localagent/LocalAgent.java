package dev.switchboard.gateway.localagent;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.GatewayConfig.OpenAi.Mode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.Optional;

/**
 * Chooses the Realtime server the gateway talks to and, in local mode, runs the built-in local voice agent beside
 * the gateway. The Realtime client asks {@link #target()} on every connect, so both modes use one code path.
 */
@ApplicationScoped
public class LocalAgent {

    private final GatewayConfig config;
    private final Vertx vertx;
    private LocalRealtimeServer server;
    private volatile int port;

    LocalAgent(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        if (!local()) {
            return;
        }
        server = new LocalRealtimeServer(vertx);
        port = server.listen(config.localAgent().port()).toCompletionStage().toCompletableFuture().join();
        Log.infof("No OpenAI key or local mode chosen: the built-in local voice agent answers at ws://127.0.0.1:%d%s",
                port, LocalRealtimeServer.PATH);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** True when calls are answered by the local agent rather than OpenAI. */
    public boolean local() {
        Mode mode = config.openai().mode();
        return mode == Mode.LOCAL || (mode == Mode.AUTO && config.openai().apiKey().isEmpty());
    }

    /** Where to open a call's Realtime WebSocket now. */
    public RealtimeTarget target() {
        String model = "?model=" + config.openai().model();
        if (local()) {
            return new RealtimeTarget(URI.create("ws://127.0.0.1:" + port + LocalRealtimeServer.PATH + model),
                    Optional.empty(), true);
        }
        URI base = config.openai().url();
        return new RealtimeTarget(URI.create(base + model), config.openai().apiKey(), false);
    }
}
