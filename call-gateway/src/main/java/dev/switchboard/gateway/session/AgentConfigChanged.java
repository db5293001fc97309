package dev.switchboard.gateway.session;

import dev.switchboard.contract.link.AgentConfig;

/** CDI event fired when control-api pushes a new agent config; live calls update their sessions. */
public record AgentConfigChanged(AgentConfig config) { }
