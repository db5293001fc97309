package dev.switchboard.gateway.localagent;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket server on the loopback interface that speaks the server side of the OpenAI Realtime API at
 * {@value #PATH}: the gateway's ordinary Realtime client connects to it exactly as to OpenAI. Each connection gets
 * its own {@link LocalAgentSession}.
 */
public final class LocalRealtimeServer {

    public static final String PATH = "/local-realtime";
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final Vertx vertx;
    private final AgentScript script;
    private final long chunkIntervalMs;
    private final AtomicLong sessions = new AtomicLong();
    private HttpServer server;

    /** A server that speaks at real-time pace. */
    public LocalRealtimeServer(Vertx vertx) {
        this(vertx, ResponseStream.CHUNK_MS);
    }

    /** Tests speed speech up by sending each audio chunk every {@code chunkIntervalMs} instead of in real time. */
    LocalRealtimeServer(Vertx vertx, long chunkIntervalMs) {
        this.vertx = vertx;
        this.chunkIntervalMs = chunkIntervalMs;
        this.script = new AgentScript(Clips.load());
    }

    /** Starts listening on 127.0.0.1; completes with the bound port. */
    public Future<Integer> listen(int port) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES);
        return vertx.createHttpServer(options)
                .webSocketHandler(this::accept)
                .requestHandler(request -> request.response().setStatusCode(404).end())
                .listen()
                .map(bound -> {
                    server = bound;
                    return bound.actualPort();
                });
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void accept(ServerWebSocket socket) {
        if (!PATH.equals(socket.path())) {
            socket.reject(404);
            return;
        }
        String id = Long.toString(sessions.incrementAndGet(), 36);
        LocalAgentSession session = new LocalAgentSession(vertx, script, chunkIntervalMs, id, socket::writeTextMessage);
        socket.textMessageHandler(session::onText);
        socket.binaryMessageHandler(ignored -> session.onBinary());
        socket.closeHandler(ignored -> session.close());
        socket.exceptionHandler(e -> Log.debugf("[local-agent] session %s socket error: %s", id, e.getMessage()));
        session.open();
    }
}
