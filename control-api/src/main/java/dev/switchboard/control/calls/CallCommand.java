package dev.switchboard.control.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A command on a live call that must run on the control-api replica holding the call (its gateway's link, or its
 * local call): {@code hangup}, {@code transfer} ({@code target}, {@code reason}) or {@code dtmf} ({@code digits}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallCommand(String op, String callSid, String target, String reason, String digits) {

    public static CallCommand hangUp(String callSid) {
        return new CallCommand("hangup", callSid, null, null, null);
    }

    public static CallCommand transfer(String callSid, String target, String reason) {
        return new CallCommand("transfer", callSid, target, reason, null);
    }

    public static CallCommand dtmf(String callSid, String digits) {
        return new CallCommand("dtmf", callSid, null, null, digits);
    }
}
