package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's own context, served by control-api at {@code GET /internal/calls/{callSid}/context} and read by the
 * gateway at call start: an outbound call's instructions and variables, each null when the call has none.
 * Variable values are strings, numbers or booleans (control-api accepts nothing else). {@code recorded} is true when
 * the call is being recorded, so the agent says the config's recording disclosure first (null: not recorded).
 */
public record CallContext(String callSid, String instructions, Map<String, Object> variables,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean recorded) {

    /** A context without the recording flag (a call that does not record). */
    public CallContext(String callSid, String instructions, Map<String, Object> variables) {
        this(callSid, instructions, variables, null);
    }

    /** True when the call records and the caller must be told so. */
    public boolean records() {
        return Boolean.TRUE.equals(recorded);
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
