package dev.switchboard.control.localdial;

/** What a {@link TwilioMediaClient} observes from the server; every method is optional. Called on its event loop. */
public interface MediaListener {

    /** The server sent audio to play (base64 μ-law, as received). */
    default void media(String payload) {
    }

    /** A 20 ms μ-law frame was sent to the server as the caller's audio (speech or silence). */
    default void sent(byte[] frame) {
    }

    /** A mark was echoed back to the server (after its audio played, or flushed by a clear). */
    default void markEchoed(String name, boolean flushed) {
    }

    /** The server sent {@code clear}. */
    default void cleared() {
    }

    /** The server closed the stream (or the connection dropped); {@code code} is the WebSocket close code or -1. */
    default void closed(int code, String reason) {
    }
}
