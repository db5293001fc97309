package dev.switchboard.gateway.bridge;

/**
 * The call's Realtime responses, one at a time. A conversation has at most one active response, and OpenAI refuses
 * a {@code response.create} sent while one runs ({@code conversation_already_has_active_response}), so the caller
 * would never hear the answer. A tool's result comes while the response that called the tool is still finishing,
 * and a key press can come while the agent speaks: the response they ask for is sent when the active one is done.
 * Several asked for meanwhile become one, which answers all the new items. A slow tool's spoken filler is such an
 * active response too, from the moment it is sent.
 */
final class Responses {

    /** Longest an asked-for response waits for response.done before it is sent anyway. */
    private static final long WAIT_MS = 3_000;

    private final AgentChannel agent;
    private final CallLoop loop;
    private final CallLifecycle lifecycle;
    private boolean active;
    private boolean asked;
    private long timer = -1;

    Responses(AgentChannel agent, CallLoop loop, CallLifecycle lifecycle) {
        this.agent = agent;
        this.loop = loop;
        this.lifecycle = lifecycle;
    }

    /** Realtime response.created. */
    void started() {
        active = true;
    }

    /** Realtime response.done: the response that was asked for meanwhile may start. */
    void done() {
        active = false;
        sendAsked();
    }

    /** No response running and none waiting to be sent. */
    boolean idle() {
        return !active && !asked;
    }

    /** Asks the model to respond: now, or once the active response is done. */
    void ask() {
        if (!active) {
            agent.createResponse();
            return;
        }
        if (!asked) {
            asked = true;
            timer = loop.setTimer(WAIT_MS, () -> {
                timer = -1;
                done();
            });
        }
    }

    /** The agent asks the caller to hold on, at once; it counts as active before the server confirms it. */
    void startFiller() {
        active = true;
        agent.createFiller();
    }

    /**
     * A response with its own instructions (the voicemail message), at once: it counts as active before the server
     * confirms it, so what waits for it to have played does not run first.
     */
    void startInstructed(String instructions) {
        active = true;
        agent.createResponse(instructions);
    }

    /** The Realtime session went: its response with it, and the next session starts from its own state. */
    void lost() {
        active = false;
        cancel();
    }

    /** Forgets a waiting request (the call ends, or the agent must not speak again). */
    void cancel() {
        asked = false;
        loop.cancelTimer(timer);
        timer = -1;
    }

    private void sendAsked() {
        boolean send = asked && !lifecycle.ended();
        cancel();
        if (send) {
            agent.createResponse();
        }
    }
}
