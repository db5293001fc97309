package dev.switchboard.gateway.bridge;

/** The agent's side of a call: one OpenAI Realtime (or compatible) socket. */
public interface AgentLeg {

    /** A client event: sent in order, never dropped. */
    void send(String json);

    /** Caller audio ({@code input_audio_buffer.append}); the oldest is dropped when OpenAI reads too slowly. */
    void sendAudio(String json, int audioMs);

    void close();
}
