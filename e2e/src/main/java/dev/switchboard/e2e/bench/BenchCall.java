package dev.switchboard.e2e.bench;

import dev.switchboard.control.localdial.MediaListener;
import dev.switchboard.control.localdial.MediaStreamOptions;
import dev.switchboard.control.localdial.TwilioMediaClient;
import dev.switchboard.control.localdial.TwimlStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * One simulated call: Twilio's media client sends numbered frames every 20 ms; the echo comes back through the
 * gateway, and the round trip of every frame is measured from just before it is sent to when it returns.
 * All fields are touched on the client's event loop only, until the stream has closed.
 */
final class BenchCall implements MediaListener {

    private final long[] sentNanos;
    private final long[] rttMicros;
    private TwilioMediaClient client;

    BenchCall(int maxFrames) {
        sentNanos = new long[maxFrames + 1];
        rttMicros = new long[maxFrames + 1];
        Arrays.fill(rttMicros, -1);
    }

    Future<Void> connect(Vertx vertx, TwimlStream twiml, String callSid) {
        MediaStreamOptions options = new MediaStreamOptions(twiml.url(), Map.of(), "AC" + "0".repeat(32), callSid,
                twiml.parameters());
        client = new TwilioMediaClient(vertx, options, this, this::frame);
        return client.connect();
    }

    TwilioMediaClient client() {
        return client;
    }

    private byte[] frame(long seq) {
        byte[] frame = new byte[TwilioMediaClient.FRAME_BYTES];
        Arrays.fill(frame, (byte) 0x7E);
        ByteBuffer.wrap(frame).putInt((int) seq);
        if (seq < sentNanos.length) {
            sentNanos[(int) seq] = System.nanoTime();
        }
        return frame;
    }

    @Override
    public void media(String payload) {
        long now = System.nanoTime();
        byte[] audio = Base64.getDecoder().decode(payload);
        // One delta may carry several caller frames (EchoMode batch:N): each 160-byte frame has its number.
        ByteBuffer frames = ByteBuffer.wrap(audio);
        for (int at = 0; at + 4 <= audio.length; at += TwilioMediaClient.FRAME_BYTES) {
            int seq = frames.getInt(at);
            if (seq > 0 && seq < sentNanos.length && sentNanos[seq] > 0 && rttMicros[seq] < 0) {
                rttMicros[seq] = (now - sentNanos[seq]) / 1_000;
            }
        }
    }

    /** When frames {@code 1..lastSeq} were sent ({@link System#nanoTime()}), index 0 for frame 1. */
    long[] sendTimes(long lastSeq) {
        return Arrays.copyOfRange(sentNanos, 1, (int) Math.min(lastSeq, sentNanos.length - 1) + 1);
    }

    /** Round trips (µs) of frames {@code 1..lastSeq}; -1 for a frame that never came back. */
    long[] roundTrips(long lastSeq) {
        return Arrays.copyOfRange(rttMicros, 1, (int) Math.min(lastSeq, rttMicros.length - 1) + 1);
    }
}
