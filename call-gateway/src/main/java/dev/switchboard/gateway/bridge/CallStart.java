package dev.switchboard.gateway.bridge;

import java.util.Map;

/** What Twilio's {@code start} message says about a call (the {@code <Parameter>}s included). */
public record CallStart(String streamSid, String callSid, Map<String, String> parameters) {

    public CallStart {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }
}
