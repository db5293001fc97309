package dev.switchboard.gateway.localagent;

import java.util.List;
import java.util.Set;

/**
 * The local agent's fixed conversation: a greeting; the caller asks about an order, the agent says it will look it
 * up and calls the demo tool {@code lookup_order}, then reads the result; the caller says goodbye, the agent says
 * farewell and calls {@code end_call}. Anything else gets the apology.
 */
final class AgentScript {

    static final String LOOKUP_ORDER = "lookup_order";
    static final String END_CALL = "end_call";

    /** The caller clips the agent "hears", one per turn (the local dialer plays them in this order). */
    private static final List<String> CALLER_TURNS = List.of("question", "goodbye");
    private static final String ORDER_ARGUMENTS = "{\"order_id\":\"4217\"}";
    private static final String END_CALL_ARGUMENTS = "{\"reason\":\"The caller said goodbye.\"}";

    private final Clips clips;

    AgentScript(Clips clips) {
        this.clips = clips;
    }

    Reply greeting() {
        return Reply.say(clips.clip(Clips.GREETING));
    }

    Reply apology() {
        return Reply.say(clips.clip(Clips.APOLOGY));
    }

    /** What the caller said in turn {@code turn} (1-based). */
    String heard(int turn) {
        return turn <= CALLER_TURNS.size() ? clips.callerLine(CALLER_TURNS.get(turn - 1)) : "(inaudible)";
    }

    /** The answer to caller turn {@code turn}; a tool is only called when the session offers it. */
    Reply answer(int turn, Set<String> offeredTools) {
        return switch (turn) {
            case 1 -> offeredTools.contains(LOOKUP_ORDER)
                    ? new Reply(clips.clip(Clips.ANSWER), new Reply.FunctionCall(LOOKUP_ORDER, ORDER_ARGUMENTS))
                    : apology();
            case 2 -> new Reply(clips.clip(Clips.FAREWELL),
                    offeredTools.contains(END_CALL) ? new Reply.FunctionCall(END_CALL, END_CALL_ARGUMENTS) : null);
            default -> apology();
        };
    }

    /** The answer once the output of {@code toolName} is in the conversation. */
    Reply afterTool(String toolName) {
        return LOOKUP_ORDER.equals(toolName) ? Reply.say(clips.clip(Clips.ORDER_STATUS)) : apology();
    }
}
