package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's own context, served by control-api at {@code GET /internal/calls/{callSid}/context} and read by the
 * gateway at call start: an outbound call's instructions and variables, each null when the call has none, and the
 * agent profile the call was dialed with ({@code profile}, null for a call control-api did not dial; the gateway then
 * picks the profile by the called number). {@code profileVersion} is the version current when it was dialed, for
 * information: the gateway runs the version it holds when the call starts.
 * Variable values are strings, numbers or booleans (control-api accepts nothing else).
 */
public record CallContext(String callSid, String instructions, Map<String, Object> variables,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String profile,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long profileVersion) {

    /** A context that names no profile. */
    public CallContext(String callSid, String instructions, Map<String, Object> variables) {
        this(callSid, instructions, variables, null, null);
    }

    /** The variables as text, as the agent's instructions use them; empty when there are none. */
    public Map<String, String> variableTexts() {
        if (variables == null) {
            return Map.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        variables.forEach((name, value) -> texts.put(name, value == null ? null : value.toString()));
        return texts;
    }
}
