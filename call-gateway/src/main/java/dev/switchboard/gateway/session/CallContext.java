package dev.switchboard.gateway.session;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** A call's own context from control-api (an outbound call's instructions and variables); both may be empty. */
@RegisterForReflection
public record CallContext(String instructions, Map<String, String> variables) {

    public CallContext {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
