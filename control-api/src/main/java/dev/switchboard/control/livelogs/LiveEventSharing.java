package dev.switchboard.control.livelogs;

/** Carries live events to the other control-api replicas, whose UI clients must see them too. */
public interface LiveEventSharing {

    /** Sends {@code event} to the other replicas; best effort, never throws. Blocking: call it from a worker. */
    void share(LiveEvent event);
}
