package dev.switchboard.gateway.realtime;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The agent's side of a call: one OpenAI Realtime (or compatible) socket, spoken to in client events. Everything
 * but live caller audio is sent in order and never dropped.
 */
public interface AgentLeg {

    /** Caller audio (base64 μ-law, checked to hold only base64 characters); the oldest goes if OpenAI reads slowly. */
    void appendAudio(String base64Audio, int audioMs);

    /** Caller audio held while the session opened: sent in order with what was held with it, never dropped. */
    void appendHeldAudio(String base64Audio);

    /** Configures the session; {@code withVoice} is false for live updates: the voice is fixed once audio was made. */
    void updateSession(AgentConfig config, CallContext context, List<JsonObject> tools, boolean withVoice);

    /** Asks for a response to the conversation so far. */
    void createResponse();

    /** A response with its own instructions (the greeting), so no made-up caller turn enters the history. */
    void createResponse(String instructions);

    /** An out-of-band response in which the agent only asks the caller to hold on. */
    void createFiller();

    void cancelResponse();

    /** Cuts an item's audio where the caller stopped hearing it. */
    void truncate(String itemId, long audioEndMs);

    void sendToolOutput(String callId, String output);

    /** A short user message, e.g. which key the caller pressed. */
    void sendUserText(String text);

    /** A past turn of the conversation, given back to a reopened session. */
    void restoreTurn(boolean caller, String text);

    /** A past function call of the conversation, given back to a resumed call's session before its output. */
    void restoreFunctionCall(String name, String callId, String arguments);

    void close();
}
