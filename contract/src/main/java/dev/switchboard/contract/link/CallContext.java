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
 * Variable values are strings, numbers or booleans (control-api accepts nothing else). {@code recorded} is true when
 * the call is being recorded, so the agent says the config's recording disclosure first (null: not recorded).
 * {@code amd} is set when the call was dialed with answering-machine detection: the gateway holds the agent until
 * {@code call.amd.result} arrives (or its bound passes) and then acts as {@link Amd} says (null: no detection).
 */
public record CallContext(String callSid, String instructions, Map<String, Object> variables,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String profile,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long profileVersion,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean recorded,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Amd amd) {

    /**
     * What to do when a machine answers: {@code mode} {@code hangup} (hang up at once) or {@code message} (the agent
     * says {@code message} into the voicemail, then hangs up).
     */
    public record Amd(String mode, @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
        public static final String HANGUP = "hangup";
        public static final String MESSAGE = "message";
    }

    /** A context that names no profile and does not record. */
    public CallContext(String callSid, String instructions, Map<String, Object> variables) {
        this(callSid, instructions, variables, null, null, null, null);
    }

    /** A context of a call that does not record. */
    public CallContext(String callSid, String instructions, Map<String, Object> variables, String profile,
                       Long profileVersion) {
        this(callSid, instructions, variables, profile, profileVersion, null, null);
    }

    /** A context without answering-machine detection. */
    public CallContext(String callSid, String instructions, Map<String, Object> variables, String profile,
                       Long profileVersion, Boolean recorded) {
        this(callSid, instructions, variables, profile, profileVersion, recorded, null);
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
