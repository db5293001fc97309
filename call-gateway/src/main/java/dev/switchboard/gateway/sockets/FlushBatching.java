package dev.switchboard.gateway.sockets;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;

/**
 * Batches a socket's flushes per event-loop turn. Vert.x flushes every message written outside a read of the same
 * connection, and a bridge writes almost only that way (an OpenAI delta becomes Twilio {@code media} + {@code mark}),
 * so each message cost a {@code write} system call: the largest share of the gateway's CPU under load. With this,
 * messages written to one socket in one turn leave in one system call, a few microseconds later.
 */
public final class FlushBatching {

    private static final String NAME = "switchboard-flush-batching";

    private FlushBatching() {
    }

    public static void enable(WebSocketBase socket) {
        if (socket instanceof WebSocketInternal internal) {
            var pipeline = internal.channelHandlerContext().pipeline();
            if (pipeline.get(NAME) == null) {
                pipeline.addFirst(NAME, new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            }
        }
    }
}
