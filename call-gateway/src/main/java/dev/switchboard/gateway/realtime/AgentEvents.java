package dev.switchboard.gateway.realtime;

/**
 * The Realtime server events a call acts on, read off the wire (GA names, and the beta names compatible servers
 * still send). Fields the server left out, or sent with another type, arrive as null.
 */
public interface AgentEvents {

    /** session.created. */
    void sessionCreated();

    /** session.updated; {@code notMuLaw} names audio formats the session reports other than μ-law, else null. */
    void sessionUpdated(String notMuLaw);

    /** response.output_audio.delta: base64 audio as received, not yet checked. */
    void agentAudio(String responseId, String itemId, String delta);

    /** input_audio_buffer.speech_started. */
    void speechStarted();

    /** input_audio_buffer.speech_stopped. */
    void speechStopped();

    /** response.created. */
    void responseCreated();

    /** response.done, with the tokens the response used ({@link TokenUsage#NONE} when not reported). */
    void responseDone(TokenUsage usage);

    /** The agent's audio transcript, a delta or ({@code isFinal}) the whole. */
    void agentTranscript(String text, boolean isFinal, String itemId);

    /** The caller's input audio transcript. */
    void callerTranscript(String text, String itemId);

    /** A function call whose arguments are complete (the same call may be reported twice). */
    void functionCall(String name, String callId, String arguments);

    /** An error event; {@code refusedSessionUpdate} when it refuses our session.update. */
    void error(String code, String message, boolean refusedSessionUpdate);
}
