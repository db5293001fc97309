package dev.switchboard.gateway.realtime;

/** Receives what happens on one Realtime socket: its events, and its end. */
public interface RealtimeListener extends AgentEvents {

    void onClosed(int code, String reason);

    void onFailure(Throwable failure);
}
