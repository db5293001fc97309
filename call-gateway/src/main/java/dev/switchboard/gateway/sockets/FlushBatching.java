package dev.switchboard.gateway.sockets;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches a socket's flushes per event-loop turn. Vert.x flushes every message written outside a read of the same
 * connection, and a bridge writes almost only that way (an OpenAI delta becomes Twilio {@code media} + {@code mark}),
 * so each message cost a {@code write} system call: the largest share of the gateway's CPU under load. With this,
 * messages written to one socket in one turn leave in one system call, a few microseconds later.
 * <p>
 * It works on the connection, not the socket object, because Vert.x Web hands out the server socket wrapped, and
 * the wrapper hides the channel.
 */
public final class FlushBatching {

    private static final String NAME = "switchboard-flush-batching";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private FlushBatching() {
    }

    /** For a client socket, whose object is Vert.x's own. */
    public static void enable(WebSocketBase socket) {
        enable(socket instanceof WebSocketInternal internal ? internal.connection() : null);
    }

    /** For the connection that carries a socket (a server socket's is its upgraded request's connection). */
    public static void enable(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            if (WARNED.compareAndSet(false, true)) {
                Log.warnf("flush batching unavailable on %s: each message will cost a system call",
                        connection == null ? "a socket without a connection" : connection.getClass().getName());
            }
            return;
        }
        var pipeline = base.channelHandlerContext().pipeline();
        if (pipeline.get(NAME) == null) {
            pipeline.addFirst(NAME, new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
    }
}
