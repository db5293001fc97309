package dev.switchboard.control.gateway;

import java.util.Map;

/**
 * What a gateway says about itself in {@code gateway.hello}: its instance id, capacity, which agent answers its
 * calls ({@code openai} or {@code local}) and whether it has an OpenAI key. Fields a gateway did not send are null.
 */
public record GatewayHello(String instanceId, Integer capacity, String agentMode, Boolean openaiKeyPresent) {

    /** A linked gateway that has not said hello yet. */
    static final GatewayHello UNKNOWN = new GatewayHello(null, null, null, null);

    static GatewayHello from(Map<String, Object> data) {
        if (data == null) {
            return UNKNOWN;
        }
        Object mode = data.get("agentMode");
        return new GatewayHello(data.get("instanceId") instanceof String id ? id : null,
                data.get("capacity") instanceof Number n ? n.intValue() : null,
                "openai".equals(mode) || "local".equals(mode) ? (String) mode : null,
                data.get("openaiKeyPresent") instanceof Boolean present ? present : null);
    }
}
