package dev.switchboard.gateway.events;

import dev.switchboard.contract.link.LinkFrame;

/** Receives call events; the internal link to control-api is one. Must never block the caller. */
public interface CallEventSink {

    void accept(LinkFrame event);
}
