package dev.switchboard.gateway.bridge;

/** The caller's side of a call: the Twilio media-stream socket. */
public interface TwilioLeg {

    void send(String json);

    void close(int code, String reason);
}
