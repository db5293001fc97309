package dev.switchboard.gateway.realtime;

import io.vertx.core.json.JsonObject;

/** Receives what happens on one Realtime socket. */
public interface RealtimeListener {

    void onEvent(JsonObject event);

    void onClosed(int code, String reason);

    void onFailure(Throwable failure);
}
