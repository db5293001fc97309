package dev.switchboard.control.replicas;

import dev.switchboard.control.livelogs.LiveEvent;
import dev.switchboard.control.livelogs.LiveEventSharing;
import dev.switchboard.control.livelogs.LiveEvents;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The live-event stream shared by all replicas: what one replica shows its own /logs clients (its gateways' call
 * events, once stored; Twilio status changes; transfers) it also sends to the others, which show it to theirs,
 * late-joiner replay included. A replica never hears its own messages back, so nothing is shown twice.
 */
@ApplicationScoped
class SharedLiveLogs implements LiveEventSharing {

    private final ReplicaBus bus;
    private final LiveEvents live;

    SharedLiveLogs(ReplicaBus bus, LiveEvents live) {
        this.bus = bus;
        this.live = live;
    }

    /** A failure is logged, not thrown: live views are best effort, the history is the record. */
    @Override
    public void share(LiveEvent event) {
        if (!bus.active()) {
            return;
        }
        try {
            bus.send(ReplicaMessage.event(event));
        } catch (RuntimeException e) {
            CallMdc.run(event.callSid(), () -> Log.warnf("could not share %s with the other replicas: %s", event.type(),
                    e.getMessage()));
        }
    }

    void onMessage(@Observes ReplicaMessage message) {
        if (message.kind() == ReplicaMessage.Kind.EVENT && message.event() != null) {
            live.show(message.event());
        }
    }
}
