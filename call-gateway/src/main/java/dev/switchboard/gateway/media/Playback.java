package dev.switchboard.gateway.media;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What the caller has actually heard, from Twilio's mark echoes. Each audio delta is followed by a mark named
 * {@code <itemId>:<cumulativeMs>}; an echo means playback reached it. A {@code clear} starts a new generation, so the
 * echoes Twilio sends for flushed marks are recognised and ignored.
 */
final class Playback {

    private record SentMark(String name, String itemId, long ms, int generation) { }

    private final ArrayDeque<SentMark> sent = new ArrayDeque<>();
    private int generation;
    private int live;
    private String itemId;
    private String responseId;
    private long itemBytes;
    /** The last echoed mark: how far playback got, in the item it was in. */
    private String playedItemId;
    private long playedMs;
    private String cutItemId;
    private String cutResponseId;

    /** Records audio sent to Twilio and returns the name of the mark to send after it. */
    String audioSent(String responseId, String itemId, int bytes) {
        if (!itemId.equals(this.itemId)) {
            this.itemId = itemId;
            itemBytes = 0;
        }
        this.responseId = responseId;
        itemBytes += bytes;
        String name = itemId + ":" + itemBytes / 8;
        sent.addLast(new SentMark(name, itemId, itemBytes / 8, generation));
        live++;
        return name;
    }

    /** Handles an echo; false when it is stale (flushed by a clear) or unknown. */
    boolean echoed(String name) {
        SentMark mark = take(name);
        if (mark == null || mark.generation() != generation) {
            return false;
        }
        live--;
        playedItemId = mark.itemId();
        playedMs = mark.ms();
        return true;
    }

    /**
     * A mark whose audio was dropped before reaching Twilio (slow socket, or discarded by a clear): no echo will
     * come, so it stops counting as outstanding. Returns whether it was a live mark.
     */
    boolean dropped(String name) {
        SentMark mark = take(name);
        if (mark == null || mark.generation() != generation) {
            return false;
        }
        live--;
        return true;
    }

    /** Removes and returns the sent mark with this name, or null when there is none. */
    private SentMark take(String name) {
        for (Iterator<SentMark> it = sent.iterator(); it.hasNext(); ) {
            SentMark mark = it.next();
            if (mark.name().equals(name)) {
                it.remove();
                return mark;
            }
        }
        return null;
    }

    /** Marks of the current generation Twilio has not echoed yet: audio still queued or playing. */
    int outstanding() {
        return live;
    }

    /**
     * On caller speech: if agent audio is still outstanding, cut it where the caller stopped hearing it. That is in
     * the item of the oldest mark not yet echoed, which is not always the newest item: the "let me check" before a
     * tool's answer may still be playing when the answer's audio arrives. Late deltas are dropped for the newest.
     */
    AudioCut interrupt() {
        if (live == 0 || itemId == null) {
            return null;
        }
        String playing = oldestOutstandingItem();
        AudioCut cut = new AudioCut(playing, playing.equals(playedItemId) ? playedMs : 0);
        cutItemId = itemId;
        cutResponseId = responseId;
        forget();
        return cut;
    }

    private String oldestOutstandingItem() {
        for (SentMark mark : sent) {
            if (mark.generation() == generation) {
                return mark.itemId();
            }
        }
        return itemId;
    }

    /** The Realtime session was replaced: its items mean nothing to the new one, and their marks count for nothing. */
    void forget() {
        generation++;
        live = 0;
        itemId = null;
        itemBytes = 0;
        playedItemId = null;
        playedMs = 0;
    }

    /** Whether a delta belongs to audio already cut off (a late delta of the interrupted response). */
    boolean wasCut(String responseId, String itemId) {
        return (itemId != null && itemId.equals(cutItemId)) || (responseId != null && responseId.equals(cutResponseId));
    }
}
