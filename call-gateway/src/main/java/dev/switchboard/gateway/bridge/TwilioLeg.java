package dev.switchboard.gateway.bridge;

import java.util.List;

/** The caller's side of a call: the Twilio media-stream socket. */
public interface TwilioLeg {

    /** A control frame (mark, clear): sent in order, never dropped. */
    void send(String json);

    /** Agent audio (media and its mark); dropped as a whole, oldest first, when Twilio reads too slowly. */
    void sendAudio(List<String> frames, int audioMs, Runnable onDropped);

    /** Forgets agent audio not yet written (a clear or goodbye replaces it). */
    void discardQueuedAudio();

    void close(int code, String reason);
}
