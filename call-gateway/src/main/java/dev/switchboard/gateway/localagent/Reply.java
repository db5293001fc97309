package dev.switchboard.gateway.localagent;

/** What the local agent says in one response: a clip, then optionally a function call. */
record Reply(Clip clip, FunctionCall call) {

    /** A function call the agent makes after speaking; {@code arguments} is a JSON string, as on the wire. */
    record FunctionCall(String name, String arguments) { }

    static Reply say(Clip clip) {
        return new Reply(clip, null);
    }
}
