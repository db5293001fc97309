package dev.switchboard.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.events.CallEventSink;
import dev.switchboard.gateway.logs.CallMdc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Call events on their way to control-api: a bounded, in-order queue that drains while the link is up, and keeps
 * each event until control-api acknowledges it ({@code link.ack}, sent once the event is stored). An event written
 * into a socket that then dies is therefore sent again on the next link, ahead of newer ones; control-api drops the
 * duplicates by sequence number. A new link carries events only once control-api has answered hello with its first
 * ack (where to resume). {@link #accept} never blocks a call: it numbers, appends and returns; one frame is in
 * flight at a time. When full, the oldest transcript delta goes first (a later final transcript repeats its
 * text), then the oldest other event.
 */
@ApplicationScoped
public class LinkOutbox implements CallEventSink {

    private final boolean enabled;
    private final int capacity;
    private final long ackTimeoutMs;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Counter droppedDeltas;
    private final Counter droppedOthers;
    private final Counter resent;
    /** Written on the current link, waiting for control-api's acknowledgement. */
    private final Deque<LinkFrame> unacked = new ArrayDeque<>();
    /** Not yet written on the current link, in order. */
    private final Deque<LinkFrame> pending = new ArrayDeque<>();
    private long lastSeq;
    private WebSocketClientConnection link;
    private boolean peerAcks;
    private boolean peerNeverAcks;
    private LinkFrame inFlight;

    LinkOutbox(GatewayConfig config, ObjectMapper mapper, Vertx vertx, MeterRegistry registry) {
        this.enabled = config.control().url().isPresent();
        this.capacity = config.control().queueSize();
        this.ackTimeoutMs = Math.max(1, config.control().ackTimeout().toMillis());
        this.mapper = mapper;
        this.vertx = vertx;
        this.droppedDeltas = dropCounter(registry, "transcript-delta");
        this.droppedOthers = dropCounter(registry, "other");
        this.resent = Counter.builder("switchboard.link.events.resent")
                .description("Call events sent again because the link dropped before control-api acknowledged them")
                .register(registry);
        Gauge.builder("switchboard.link.events.queued", this, LinkOutbox::queued)
                .description("Call events not yet acknowledged by control-api").register(registry);
    }

    @Override
    public void accept(LinkFrame event) {
        enqueue(event, false);
    }

    /**
     * Queues the event only while the link is up, for requests that mean nothing later; false when it is down.
     * (It may still wait behind earlier events; control-api refuses a request that arrives too old.)
     */
    public boolean acceptIfLinked(LinkFrame event) {
        return enqueue(event, true);
    }

    private boolean enqueue(LinkFrame event, boolean onlyIfLinked) {
        if (!enabled) {
            return false;
        }
        synchronized (this) {
            if (onlyIfLinked && link == null) {
                return false;
            }
            if (unacked.size() + pending.size() >= capacity) {
                dropOne();
            }
            pending.addLast(event.withSeq(++lastSeq));
        }
        pump();
        return true;
    }

    void linked(WebSocketClientConnection connection) {
        synchronized (this) {
            link = connection;
            peerAcks = false;
            peerNeverAcks = false;
        }
        vertx.setTimer(ackTimeoutMs, id -> noAcknowledgementOn(connection));
        pump();
    }

    /** The link closed: whatever it did not acknowledge goes back to the head of the queue, in order. */
    synchronized void unlinked(WebSocketClientConnection connection) {
        if (link != connection) {
            return;
        }
        link = null;
        resent.increment(unacked.size());
        while (!unacked.isEmpty()) {
            pending.addFirst(unacked.pollLast());
        }
    }

    /**
     * control-api has stored every event up to {@code seq}. Its first ack on a link answers hello: it says where to
     * resume, so events it already stored are not sent again, and only then does the link carry events.
     */
    void acknowledged(WebSocketClientConnection connection, long seq) {
        synchronized (this) {
            if (link != connection) {
                return;
            }
            peerAcks = true;
            peerNeverAcks = false;
            while (!unacked.isEmpty() && unacked.peekFirst().seq() <= seq) {
                unacked.pollFirst();
            }
            while (!pending.isEmpty() && pending.peekFirst() != inFlight && pending.peekFirst().seq() <= seq) {
                pending.pollFirst();
            }
        }
        pump();
    }

    /** Events waiting to be sent or to be acknowledged. */
    public synchronized int queued() {
        return unacked.size() + pending.size();
    }

    // An older control-api never acknowledges: keeping written events would only fill the queue, so delivery on such
    // a link is "once written", as it was before acknowledgements.
    private void noAcknowledgementOn(WebSocketClientConnection connection) {
        synchronized (this) {
            if (link != connection || peerAcks || peerNeverAcks) {
                return;
            }
            peerNeverAcks = true;
            unacked.clear();
        }
        Log.info("control-api does not acknowledge link events; events written to the link are not kept");
        pump();
    }

    // A send that completes at once is settled inline and the loop goes on, so a long queue cannot grow the stack.
    private void pump() {
        while (true) {
            LinkFrame next;
            WebSocketClientConnection target;
            synchronized (this) {
                if (inFlight != null || link == null || pending.isEmpty() || !(peerAcks || peerNeverAcks)) {
                    return;
                }
                next = pending.peekFirst();
                inFlight = next;
                target = link;
            }
            String frame = encode(next);
            CompletableFuture<Void> sent = frame == null ? CompletableFuture.completedFuture(null)
                    : target.sendText(frame).subscribeAsCompletionStage();
            if (!sent.isDone()) {
                sent.whenComplete((ok, failure) -> {
                    if (settle(next, target, frame == null, failure)) {
                        pump();
                    }
                });
                return;
            }
            if (!settle(next, target, frame == null, sent.isCompletedExceptionally() ? sent.exceptionNow() : null)) {
                return;
            }
        }
    }

    /** Moves a written event to the unacknowledged ones; true when the pump should go on. */
    private synchronized boolean settle(LinkFrame event, WebSocketClientConnection target, boolean unwritable,
                                        Throwable failure) {
        inFlight = null;
        if (failure != null) {
            CallMdc.run(event.callSid(), () -> Log.debugf("link send failed, kept queued: %s", failure.getMessage()));
            return false;
        }
        // A link that closed meanwhile has already put its unacknowledged events back in front of this one.
        if (target == link && pending.peekFirst() == event) {
            pending.pollFirst();
            if (!unwritable && !peerNeverAcks) {
                unacked.addLast(event);
            }
        }
        return link != null;
    }

    private void dropOne() {
        if (removeOldest(LinkOutbox::isTranscriptDelta)) {
            droppedDeltas.increment();
        } else if (removeOldest(event -> true)) {
            droppedOthers.increment();
        }
    }

    private boolean removeOldest(Predicate<LinkFrame> which) {
        return removeFirst(unacked, which) || removeFirst(pending, which);
    }

    private boolean removeFirst(Deque<LinkFrame> events, Predicate<LinkFrame> which) {
        for (Iterator<LinkFrame> each = events.iterator(); each.hasNext(); ) {
            LinkFrame event = each.next();
            if (event != inFlight && which.test(event)) {
                each.remove();
                return true;
            }
        }
        return false;
    }

    static boolean isTranscriptDelta(LinkFrame event) {
        return (event.type() == LinkType.TRANSCRIPT_CALLER || event.type() == LinkType.TRANSCRIPT_AGENT)
                && event.data() != null && Boolean.FALSE.equals(event.data().get("final"));
    }

    private String encode(LinkFrame event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            CallMdc.run(event.callSid(),
                    () -> Log.errorf("dropped unwritable %s event: %s", event.type().wire(), e.getMessage()));
            return null;
        }
    }

    private static Counter dropCounter(MeterRegistry registry, String kind) {
        return Counter.builder("switchboard.link.events.dropped").tag("kind", kind)
                .description("Call events dropped because the link queue was full").register(registry);
    }
}
