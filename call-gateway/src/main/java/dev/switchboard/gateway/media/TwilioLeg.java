package dev.switchboard.gateway.media;

/**
 * The caller's side of a call: the Twilio media stream. It plays the agent's audio and tracks, from Twilio's mark
 * echoes, how much of it the caller has heard; the frames and mark names are its own business.
 */
public interface TwilioLeg {

    /** What a mark echo from Twilio means. */
    enum Echo {
        /** Agent audio up to this mark has played. */
        AUDIO_PLAYED,
        /** A clip from {@link #playClip} has played to its end. */
        CLIP_PLAYED,
        /** A mark flushed by a clear, or unknown: it says nothing. */
        STALE
    }

    /**
     * Plays one agent audio delta ({@code bytes} of μ-law as base64 already checked to hold only base64 characters),
     * marked so its playing is reported; when Twilio reads too slowly it may be dropped, and if it was still counted
     * as unplayed, {@code onNeverPlayed} runs.
     */
    void play(String responseId, String itemId, String base64Audio, int bytes, Runnable onNeverPlayed);

    /** Agent audio sent but not yet reported played: queued here or at Twilio, or playing. */
    int unplayed();

    /** Whether a delta belongs to audio already cut off (a late delta of an interrupted response). */
    boolean wasCut(String responseId, String itemId);

    /** When agent audio is unplayed, stops it (queue dropped, Twilio clear) and says where; else null, nothing sent. */
    AudioCut interrupt();

    /** Stops whatever plays (queue dropped, Twilio clear) and says where agent audio was cut, or null if none was. */
    AudioCut clear();

    /** Plays a recorded clip (8 kHz μ-law) in place of anything queued; {@link Echo#CLIP_PLAYED} tells its end. */
    void playClip(byte[] mulaw);

    /** Takes Twilio's echo of a mark. */
    Echo echoed(String markName);

    /** The agent's session was replaced: audio sent for it no longer counts. */
    void forgetPlayback();

    void close(int code, String reason);
}
