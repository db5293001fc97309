package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.realtime.AgentLeg;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * What the call says to OpenAI before its session is ready, kept in order and sent once it is.
 * Audio is bounded by milliseconds (8 bytes of μ-law per ms); when full, the oldest audio goes first.
 */
final class PreSessionBuffer {

    /** Caller audio ({@code audio}, {@code audioBytes}) or another client event ({@code event}). */
    private record Pending(String audio, int audioBytes, Consumer<AgentLeg> event) { }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final int maxAudioBytes;
    private int audioBytes;
    private int dropped;

    PreSessionBuffer(int maxAudioMs) {
        this.maxAudioBytes = maxAudioMs * 8;
    }

    void audio(String base64Audio, int bytes) {
        pending.addLast(new Pending(base64Audio, bytes, null));
        audioBytes += bytes;
        while (audioBytes > maxAudioBytes) {
            dropOldestAudio();
        }
    }

    void other(Consumer<AgentLeg> event) {
        pending.addLast(new Pending(null, 0, event));
    }

    /** Sends everything in arrival order and empties the buffer; returns how many audio messages were dropped. */
    int flushTo(AgentLeg agent) {
        Pending next;
        while ((next = pending.pollFirst()) != null) {
            if (next.audio() != null) {
                agent.appendHeldAudio(next.audio());
            } else {
                next.event().accept(agent);
            }
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
