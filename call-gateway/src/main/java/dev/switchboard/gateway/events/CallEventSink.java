package dev.switchboard.gateway.events;

/** Receives call events; the internal link to control-api is one. Must never block the caller. */
public interface CallEventSink {

    void accept(CallEvent event);
}
