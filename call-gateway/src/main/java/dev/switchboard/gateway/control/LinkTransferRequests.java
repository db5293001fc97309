package dev.switchboard.gateway.control;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.tools.TransferRequests;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Transfer requests over the internal link, sent only while it is up: a late transfer would surprise the caller. */
@ApplicationScoped
class LinkTransferRequests implements TransferRequests {

    private final ControlConnector connector;
    private final LinkOutbox outbox;

    LinkTransferRequests(ControlConnector connector, LinkOutbox outbox) {
        this.connector = connector;
        this.outbox = outbox;
    }

    @Override
    public boolean available() {
        return connector.isLinked();
    }

    @Override
    public boolean request(String callSid, String target, String reason) {
        return connector.isLinked() && outbox.acceptIfLinked(LinkFrame.of(LinkType.CALL_TRANSFER_REQUESTED, callSid,
                Map.of("target", target, "reason", reason == null ? "" : reason)));
    }
}
