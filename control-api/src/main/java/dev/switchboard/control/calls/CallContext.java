package dev.switchboard.control.calls;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** A call's own context for the gateway: per-call instructions and variables (null when the call has none). */
@RegisterForReflection
public record CallContext(String callSid, String instructions, Map<String, Object> variables) { }
