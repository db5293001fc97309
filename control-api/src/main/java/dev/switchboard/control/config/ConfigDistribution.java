package dev.switchboard.control.config;

import dev.switchboard.contract.link.AgentConfig;

/** Takes an accepted profile change to every linked gateway, on this replica and the others. */
public interface ConfigDistribution {

    /** Called once per accepted change of any profile, after it is committed. Blocking: the caller is on a worker. */
    void distribute(AgentConfig config);

    /** Called once per deleted profile, after the deletion ({@code version}) is committed. */
    void deleted(String profile, long version);
}
