package dev.switchboard.gateway.media;

/** Where the caller stopped hearing the agent: the item playing and how far into it, for the agent to be told. */
public record AudioCut(String itemId, long audioEndMs) { }
