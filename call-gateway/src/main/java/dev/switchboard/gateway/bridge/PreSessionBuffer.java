package dev.switchboard.gateway.bridge;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Messages for OpenAI that arrive before its session is ready, kept in order and sent once it is.
 * Audio is bounded by milliseconds (8 bytes of μ-law per ms); when full, the oldest audio goes first.
 */
final class PreSessionBuffer {

    private record Pending(String json, int audioBytes) { }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final int maxAudioBytes;
    private int audioBytes;
    private int dropped;

    PreSessionBuffer(int maxAudioMs) {
        this.maxAudioBytes = maxAudioMs * 8;
    }

    void audio(String json, int bytes) {
        pending.addLast(new Pending(json, bytes));
        audioBytes += bytes;
        while (audioBytes > maxAudioBytes) {
            dropOldestAudio();
        }
    }

    void other(String json) {
        pending.addLast(new Pending(json, 0));
    }

    /** Sends everything in arrival order and empties the buffer; returns how many audio messages were dropped. */
    int flushTo(Consumer<String> send) {
        Pending next;
        while ((next = pending.pollFirst()) != null) {
            send.accept(next.json());
        }
        audioBytes = 0;
        int droppedSinceLastFlush = dropped;
        dropped = 0;
        return droppedSinceLastFlush;
    }

    void clear() {
        pending.clear();
        audioBytes = 0;
    }

    private void dropOldestAudio() {
        var it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.audioBytes() > 0) {
                it.remove();
                audioBytes -= p.audioBytes();
                dropped++;
                return;
            }
        }
        audioBytes = 0;
    }
}
