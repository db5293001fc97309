package dev.switchboard.gateway.sockets;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * One socket's outbound side with bounded memory. Frames are UTF-8 text messages, as bytes, so audio events built
 * as bytes are never turned into a {@code String}. They go straight to the socket while less than
 * {@code maxInFlightChars} bytes (the same as characters for the ASCII JSON sent here) are written but not yet
 * accepted by the OS (the peer reads slower than we write);
 * beyond that they wait here, and when the waiting audio exceeds {@code maxQueuedAudioMs} the oldest audio is
 * dropped and counted. Control frames (marks, clear, session events) are never dropped; they are small and rare.
 */
public final class BoundedSender {

    /** Writes one text frame; {@code done} runs once the OS took it, or the write failed. */
    public interface Writer {
        void write(Buffer text, Runnable done);
    }

    private record Entry(List<Buffer> frames, int chars, int audioMs, Runnable onDropped) { }

    private final Writer writer;
    private final int maxInFlightChars;
    private final int maxQueuedAudioMs;
    private final Runnable countDrop;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long inFlightChars;
    private int queuedAudioMs;
    private boolean pumping;

    public BoundedSender(Writer writer, int maxInFlightChars, int maxQueuedAudioMs, Runnable countDrop) {
        this.writer = writer;
        this.maxInFlightChars = maxInFlightChars;
        this.maxQueuedAudioMs = maxQueuedAudioMs;
        this.countDrop = countDrop;
    }

    /** A control frame: sent in order, never dropped. */
    public void send(String frame) {
        send(Buffer.buffer(frame));
    }

    /** A control frame as UTF-8 bytes: sent in order, never dropped. */
    public synchronized void send(Buffer frame) {
        offer(new Entry(List.of(frame), frame.length(), 0, null));
    }

    /** Audio frames that belong together (e.g. media and its mark); may be dropped as a whole, then onDropped runs. */
    public synchronized void sendAudio(List<Buffer> frames, int audioMs, Runnable onDropped) {
        int chars = 0;
        for (Buffer frame : frames) {
            chars += frame.length();
        }
        offer(new Entry(frames, chars, Math.max(1, audioMs), onDropped));
        while (queuedAudioMs > maxQueuedAudioMs && dropOldestAudio()) {
            countDrop.run();
        }
    }

    /** Forgets audio still waiting (a barge-in or goodbye replaces it); returns how many entries went. */
    public synchronized int discardAudio() {
        int discarded = 0;
        while (dropOldestAudio()) {
            discarded++;
        }
        return discarded;
    }

    /** Audio waiting to be written, in milliseconds. */
    public synchronized int queuedAudioMs() {
        return queuedAudioMs;
    }

    private void offer(Entry entry) {
        if (queue.isEmpty() && inFlightChars < maxInFlightChars && !pumping) {
            write(entry);
        } else {
            queue.addLast(entry);
            queuedAudioMs += entry.audioMs();
        }
    }

    private void write(Entry entry) {
        inFlightChars += entry.chars();
        int[] pending = {entry.frames().size()};
        for (Buffer frame : entry.frames()) {
            writer.write(frame, () -> written(entry, pending));
        }
    }

    private synchronized void written(Entry entry, int[] pending) {
        if (--pending[0] > 0) {
            return;
        }
        inFlightChars -= entry.chars();
        if (pumping) {
            // A write that completed at once (a closed socket) lands here: the loop below carries on, no recursion.
            return;
        }
        pumping = true;
        try {
            Entry next;
            while (inFlightChars < maxInFlightChars && (next = queue.pollFirst()) != null) {
                queuedAudioMs -= next.audioMs();
                write(next);
            }
        } finally {
            pumping = false;
        }
    }

    private boolean dropOldestAudio() {
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.audioMs() > 0) {
                it.remove();
                queuedAudioMs -= entry.audioMs();
                if (entry.onDropped() != null) {
                    entry.onDropped().run();
                }
                return true;
            }
        }
        return false;
    }
}
