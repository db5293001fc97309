package dev.switchboard.control.localdial;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Records both legs of a local call as Twilio's dual-channel recordings do: the caller on the first channel, the
 * agent on the second, on one timeline. The caller's 20 ms frames are the clock (one is sent every 20 ms); the agent's
 * audio is placed where the local dialer "plays" it: from the moment it arrives, or after the audio still playing,
 * and a {@code clear} drops what had not played yet. μ-law 8 kHz in, one byte per sample.
 */
final class DualChannelRecorder {

    private static final byte SILENCE = (byte) 0xFF;

    private final Track caller = new Track();
    private final Track agent = new Track();

    /** A frame the caller sent, in order. */
    synchronized void caller(byte[] ulaw) {
        caller.append(ulaw);
    }

    /** Audio the agent sent, queued after whatever of the agent's audio is still playing. */
    synchronized void agent(byte[] ulaw) {
        agent.padTo(caller.length());
        agent.append(ulaw);
    }

    /** The agent's unplayed audio was flushed: it never reached the caller. */
    synchronized void cleared() {
        agent.truncate(caller.length());
    }

    /** Samples per channel so far. */
    synchronized int samples() {
        return Math.max(caller.length(), agent.length());
    }

    /** Both channels at the same length (the shorter padded with silence): {@code [caller, agent]}. */
    synchronized byte[][] channels() {
        int length = samples();
        return new byte[][] {caller.copy(length), agent.copy(length)};
    }

    /** One channel's samples; grows as audio arrives. */
    private static final class Track {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void append(byte[] ulaw) {
            bytes.writeBytes(ulaw);
        }

        void padTo(int length) {
            if (bytes.size() < length) {
                byte[] silence = new byte[length - bytes.size()];
                Arrays.fill(silence, SILENCE);
                bytes.writeBytes(silence);
            }
        }

        void truncate(int length) {
            if (bytes.size() > length) {
                byte[] truncated = Arrays.copyOf(bytes.toByteArray(), length);
                bytes.reset();
                bytes.writeBytes(truncated);
            }
        }

        int length() {
            return bytes.size();
        }

        byte[] copy(int length) {
            byte[] copy = Arrays.copyOf(bytes.toByteArray(), length);
            Arrays.fill(copy, bytes.size(), length, SILENCE);
            return copy;
        }
    }
}
