package dev.switchboard.gateway.realtime;

import io.vertx.core.json.JsonObject;

/** Receives what happens on one Realtime socket. */
public interface RealtimeListener {

    void onEvent(JsonObject event);

    /** An agent audio delta, read on the fast path; its fields may be null, as in {@link #onEvent}. */
    void onAudioDelta(String responseId, String itemId, String delta);

    void onClosed(int code, String reason);

    void onFailure(Throwable failure);
}
