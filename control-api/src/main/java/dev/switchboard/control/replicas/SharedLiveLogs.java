package dev.switchboard.control.replicas;

import dev.switchboard.control.gateway.LinkEvent;
import dev.switchboard.control.livelogs.LiveLogHub;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The live-log stream shared by all replicas: what one replica publishes to its own /logs hub (its gateways' call
 * events, once stored; Twilio status changes; transfers) it also sends to the others, which publish it into theirs,
 * late-joiner replay included. A replica never hears its own messages back, so nothing is shown twice.
 */
@ApplicationScoped
public class SharedLiveLogs {

    private final ReplicaBus bus;
    private final LiveLogHub hub;

    SharedLiveLogs(ReplicaBus bus, LiveLogHub hub) {
        this.bus = bus;
        this.hub = hub;
    }

    /** Publishes an event to this replica's hub and to the other replicas'. Blocking (JDBC): call it from a worker. */
    public void publish(LinkEvent event) {
        hub.publish(event);
        share(event);
    }

    /**
     * Sends an event this replica already published to its own hub to the other replicas. Blocking (JDBC): call it
     * from a worker. A failure is logged, not thrown: live views are best effort, the history is the record.
     */
    public void share(LinkEvent event) {
        if (!bus.active()) {
            return;
        }
        try {
            bus.send(ReplicaMessage.event(event));
        } catch (RuntimeException e) {
            Log.warnf("[call=%s] could not share %s with the other replicas: %s", event.callSid(), event.type(),
                    e.getMessage());
        }
    }

    void onMessage(@Observes ReplicaMessage message) {
        if ("event".equals(message.kind()) && message.event() != null) {
            hub.publish(message.event());
        }
    }
}
