package dev.switchboard.control.gateway;

import dev.switchboard.contract.link.LinkFrame;




/** Carries out the agent's {@code transfer_call}, which a gateway asks for with {@code call.transfer.requested}. */
public interface AgentTransfers {

    /**
     * Called on the link's event loop, once per request (one sent again after a link drop is not passed on), after
     * the asking gateway is noted as the call's holder; must not block.
     */
    void requested(LinkFrame request);
}
