package dev.switchboard.gateway.bridge;

/** The agent's side of a call: one OpenAI Realtime (or compatible) socket. */
public interface AgentLeg {

    void send(String json);

    void close();
}
