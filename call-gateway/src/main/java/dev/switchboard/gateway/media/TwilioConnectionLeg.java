package dev.switchboard.gateway.media;

import dev.switchboard.gateway.sockets.BoundedSender;
import dev.switchboard.gateway.sockets.TextMessages;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The Twilio leg over the media stream's WebSocket, with a bounded outbound queue. Each audio delta goes out as a
 * {@code media} frame followed by a {@code mark}, so Twilio's echo of the mark tells when the caller has heard it
 * (Twilio Media Streams, "Send a mark message"); a {@code clear} empties Twilio's buffer at a barge-in.
 */
public final class TwilioConnectionLeg implements TwilioLeg {

    /** The mark after a clip: never the name of an audio mark, which is {@code <itemId>:<ms>}. */
    static final String CLIP_MARK = "switchboard-goodbye";
    /** One second of μ-law per media frame of a clip. */
    private static final int CLIP_CHUNK_BYTES = 8000;

    private final ServerWebSocket socket;
    private final String streamSid;
    private final BoundedSender sender;
    private final TwilioMediaCodec codec;
    private final Playback playback = new Playback();

    public TwilioConnectionLeg(ServerWebSocket socket, String streamSid, int maxInFlightChars, int maxQueuedAudioMs,
                               Runnable countDrop) {
        this.socket = socket;
        this.streamSid = streamSid;
        this.codec = new TwilioMediaCodec(streamSid);
        this.sender = new BoundedSender(this::write, maxInFlightChars, maxQueuedAudioMs, countDrop);
    }

    private void write(Buffer json, Runnable done) {
        if (socket.isClosed()) {
            done.run();
            return;
        }
        TextMessages.write(socket, json).onComplete(result -> {
            if (result.failed()) {
                Log.debugf("send to Twilio failed: %s", result.cause().getMessage());
            }
            done.run();
        });
    }

    @Override
    public void play(String responseId, String itemId, String base64Audio, int bytes, Runnable onNeverPlayed) {
        String mark = playback.audioSent(responseId, itemId, bytes);
        sender.sendAudio(List.of(codec.media(base64Audio), codec.mark(mark)),
                bytes / 8, () -> {
                    if (playback.dropped(mark)) {
                        onNeverPlayed.run();
                    }
                });
    }

    @Override
    public int unplayed() {
        return playback.outstanding();
    }

    @Override
    public boolean wasCut(String responseId, String itemId) {
        return playback.wasCut(responseId, itemId);
    }

    @Override
    public AudioCut interrupt() {
        AudioCut cut = playback.interrupt();
        if (cut != null) {
            sendClear();
        }
        return cut;
    }

    @Override
    public AudioCut clear() {
        AudioCut cut = playback.interrupt();
        sendClear();
        return cut;
    }

    @Override
    public void playClip(byte[] mulaw) {
        sendClear();
        for (int from = 0; from < mulaw.length; from += CLIP_CHUNK_BYTES) {
            byte[] chunk = Arrays.copyOfRange(mulaw, from, Math.min(mulaw.length, from + CLIP_CHUNK_BYTES));
            sender.send(codec.media(Base64.getEncoder().encodeToString(chunk)));
        }
        sender.send(codec.mark(CLIP_MARK));
    }

    @Override
    public Echo echoed(String markName) {
        if (CLIP_MARK.equals(markName)) {
            return Echo.CLIP_PLAYED;
        }
        return playback.echoed(markName) ? Echo.AUDIO_PLAYED : Echo.STALE;
    }

    @Override
    public void forgetPlayback() {
        playback.forget();
    }

    @Override
    public void close(int code, String reason) {
        if (!socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }

    /** Audio not yet written is dropped here; what Twilio holds goes with its clear. */
    private void sendClear() {
        sender.discardAudio();
        sender.send(TwilioFrames.clear(streamSid));
    }
}
