package dev.switchboard.control.livelogs;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way into the live-event stream: shown to this replica's {@code /logs} clients, shared with the other
 * replicas (which show it to theirs). A replica never hears its own events back, so nothing is shown twice.
 */
@ApplicationScoped
public class LiveEvents {

    private final LiveLogHub hub;
    private final LiveEventSharing sharing;

    LiveEvents(LiveLogHub hub, LiveEventSharing sharing) {
        this.hub = hub;
        this.sharing = sharing;
    }

    /** Shows an event here and shares it with the other replicas. Blocking: call it from a worker. */
    public void publish(LiveEvent event) {
        show(event);
        share(event);
    }

    /** Shows an event to this replica's clients only; never blocks, so the gateway link can call it on its loop. */
    public void show(LiveEvent event) {
        hub.publish(event);
    }

    /** Shares an event this replica already showed. Blocking: call it from a worker. */
    public void share(LiveEvent event) {
        sharing.share(event);
    }
}
