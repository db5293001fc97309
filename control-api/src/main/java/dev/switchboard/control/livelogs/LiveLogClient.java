package dev.switchboard.control.livelogs;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One UI socket with its filter and its bounded send buffer: frames handed to the socket but not yet
 * written out count against {@code capacity}; a client past it is too slow and gets dropped, as in gorilla's hub.
 */
final class LiveLogClient {

    private final WebSocketConnection connection;
    private final String callSid;
    private final int capacity;
    private final AtomicInteger unsent = new AtomicInteger();

    LiveLogClient(WebSocketConnection connection, String callSid, int capacity) {
        this.connection = connection;
        this.callSid = callSid;
        this.capacity = capacity;
    }

    String id() {
        return connection.id();
    }

    boolean wants(String eventCallSid) {
        return callSid == null || callSid.equals(eventCallSid);
    }

    /** Queues a frame; false when the client's buffer is full and it must be dropped. */
    boolean offer(String frame) {
        if (unsent.incrementAndGet() > capacity) {
            return false;
        }
        connection.sendText(frame).subscribe().with(ok -> unsent.decrementAndGet(), e -> unsent.decrementAndGet());
        return true;
    }

    void close(CloseReason reason) {
        connection.close(reason).subscribe().with(ok -> { }, e -> { });
    }
}
