package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;




/** Takes an accepted config to every linked gateway, on this replica and the others. */
public interface ConfigDistribution {

    /** Called once per accepted change, after it is committed. Blocking: the caller is on a worker. */
    void distribute(AgentConfig config);
}
