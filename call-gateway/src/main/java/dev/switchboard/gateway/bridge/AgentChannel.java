package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.gateway.media.AudioCut;

/**
 * What the call says to its agent, whichever Realtime socket carries it now: held in order until the session is
 * ready, except what is about audio already sent, which goes at once or not at all.
 */
interface AgentChannel {

    /** The agent's config as the session has it now. */
    AgentConfig config();

    /** Caller audio: {@code bytes} of μ-law as base64 checked to hold only base64 characters. */
    void appendAudio(String base64Audio, int bytes);

    void createResponse();

    /** A response with its own {@code instructions}, which add no caller turn to the conversation. */
    void createResponse(String instructions);

    /** The agent asks the caller to hold on (a slow tool). */
    void createFiller();

    void sendToolOutput(String callId, String output);

    void sendUserText(String text);

    /** Sent at once if a socket is open, never held. */
    void cancelResponse();

    /** Cuts the item the caller was hearing where they stopped; sent at once if a socket is open, never held. */
    void truncate(AudioCut cut);
}
