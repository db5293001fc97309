package dev.switchboard.control.config;

/** CDI event fired after an accepted config change has been committed; the link pushes it to gateways. */
public record ConfigUpdated(AgentConfig config) { }
