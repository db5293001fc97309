package dev.switchboard.control.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * A command on a live call that must run on the control-api replica holding the call (its gateway's link, or its
 * local call): {@code hangup}, {@code transfer} ({@code target}, {@code reason}), {@code dtmf} ({@code digits}) or
 * {@code amd_result} ({@code answeredBy}: Twilio's answering-machine detection result, for the holding gateway).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallCommand(Op op, String callSid, String target, String reason, String digits, String answeredBy) {

    /** What to do with the call; written in lower case. */
    @RegisterForReflection
    public enum Op {
        HANGUP, TRANSFER, DTMF, AMD_RESULT;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static CallCommand hangUp(String callSid) {
        return new CallCommand(Op.HANGUP, callSid, null, null, null, null);
    }

    public static CallCommand transfer(String callSid, String target, String reason) {
        return new CallCommand(Op.TRANSFER, callSid, target, reason, null, null);
    }

    public static CallCommand dtmf(String callSid, String digits) {
        return new CallCommand(Op.DTMF, callSid, null, null, digits, null);
    }

    public static CallCommand amdResult(String callSid, String answeredBy) {
        return new CallCommand(Op.AMD_RESULT, callSid, null, null, null, answeredBy);
    }
}
