package dev.switchboard.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.events.CallEvent;
import dev.switchboard.gateway.events.CallEventSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketClientConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Call events on their way to control-api: a bounded, in-order queue that drains while the link is up.
 * {@link #accept} never blocks a call: it appends and returns; one frame is in flight at a time and leaves the
 * queue only once written, so a link that drops mid-way loses nothing still queued. When full, the oldest
 * transcript delta goes first (a later final transcript repeats its text), then the oldest other event.
 */
@ApplicationScoped
public class LinkOutbox implements CallEventSink {

    private final boolean enabled;
    private final int capacity;
    private final ObjectMapper mapper;
    private final Counter droppedDeltas;
    private final Counter droppedOthers;
    private final Deque<CallEvent> queue = new ArrayDeque<>();
    private WebSocketClientConnection link;
    private CallEvent inFlight;

    LinkOutbox(GatewayConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.enabled = config.control().url().isPresent();
        this.capacity = config.control().queueSize();
        this.mapper = mapper;
        this.droppedDeltas = dropCounter(registry, "transcript-delta");
        this.droppedOthers = dropCounter(registry, "other");
    }

    @Override
    public void accept(CallEvent event) {
        if (!enabled) {
            return;
        }
        synchronized (this) {
            if (queue.size() >= capacity) {
                dropOne();
            }
            queue.addLast(event);
        }
        pump();
    }

    /**
     * Queues the event only while the link is up, for requests that mean nothing later; false when it is down.
     * (It may still wait behind earlier events; control-api refuses a request that arrives too old.)
     */
    public boolean acceptIfLinked(CallEvent event) {
        if (!enabled) {
            return false;
        }
        synchronized (this) {
            if (link == null) {
                return false;
            }
            if (queue.size() >= capacity) {
                dropOne();
            }
            queue.addLast(event);
        }
        pump();
        return true;
    }

    void linked(WebSocketClientConnection connection) {
        synchronized (this) {
            link = connection;
        }
        pump();
    }

    synchronized void unlinked(WebSocketClientConnection connection) {
        if (link == connection) {
            link = null;
        }
    }

    /** Events waiting to be sent. */
    public synchronized int queued() {
        return queue.size();
    }

    // A send that completes at once is settled inline and the loop goes on, so a long queue cannot grow the stack.
    private void pump() {
        while (true) {
            CallEvent next;
            WebSocketClientConnection target;
            synchronized (this) {
                if (inFlight != null || link == null || queue.isEmpty()) {
                    return;
                }
                next = queue.peekFirst();
                inFlight = next;
                target = link;
            }
            String frame = encode(next);
            if (frame == null) {
                settle(next, null);
                continue;
            }
            CompletableFuture<Void> sent = target.sendText(frame).subscribeAsCompletionStage();
            if (!sent.isDone()) {
                sent.whenComplete((ok, failure) -> {
                    if (settle(next, failure)) {
                        pump();
                    }
                });
                return;
            }
            if (!settle(next, sent.isCompletedExceptionally() ? sent.exceptionNow() : null)) {
                return;
            }
        }
    }

    private synchronized boolean settle(CallEvent event, Throwable failure) {
        inFlight = null;
        if (failure != null) {
            Log.debugf("[call=%s] link send failed, kept queued: %s", event.callSid(), failure.getMessage());
            return false;
        }
        if (queue.peekFirst() == event) {
            queue.pollFirst();
        }
        return true;
    }

    private void dropOne() {
        if (removeOldest(LinkOutbox::isTranscriptDelta)) {
            droppedDeltas.increment();
        } else if (removeOldest(event -> true)) {
            droppedOthers.increment();
        }
    }

    private boolean removeOldest(Predicate<CallEvent> which) {
        for (Iterator<CallEvent> each = queue.iterator(); each.hasNext(); ) {
            CallEvent event = each.next();
            if (event != inFlight && which.test(event)) {
                each.remove();
                return true;
            }
        }
        return false;
    }

    static boolean isTranscriptDelta(CallEvent event) {
        return event.type() != null && event.type().startsWith("transcript.")
                && event.data() != null && Boolean.FALSE.equals(event.data().get("final"));
    }

    private String encode(CallEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            Log.errorf("[call=%s] dropped unwritable %s event: %s", event.callSid(), event.type(), e.getMessage());
            return null;
        }
    }

    private static Counter dropCounter(MeterRegistry registry, String kind) {
        return Counter.builder("switchboard.link.events.dropped").tag("kind", kind)
                .description("Call events dropped because the link queue was full").register(registry);
    }
}
