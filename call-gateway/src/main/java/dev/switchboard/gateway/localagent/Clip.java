package dev.switchboard.gateway.localagent;

/** A recorded utterance: raw 8 kHz μ-law audio and the words it says. */
record Clip(String name, String transcript, byte[] audio) {

    int durationMs() {
        return audio.length / 8;
    }
}
