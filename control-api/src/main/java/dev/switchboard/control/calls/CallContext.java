package dev.switchboard.control.calls;

import java.util.Map;

/** A call's own context for the gateway: per-call instructions and variables (null when the call has none). */
public record CallContext(String callSid, String instructions, Map<String, Object> variables) { }
