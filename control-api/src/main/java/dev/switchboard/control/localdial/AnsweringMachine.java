package dev.switchboard.control.localdial;

import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The local dialer's answering machine (docs/local-mode.md): a call to {@link #NUMBER} is answered by a recorded
 * voicemail greeting, then a beep, after which it records what it hears until the other side hangs up or the
 * message reaches {@link #MAX_MESSAGE_MS}, when it hangs up itself, as a voicemail box does.
 */
final class AnsweringMachine {

    /** The number the local dialer treats as an answering machine (555-01xx: reserved for fiction, never real). */
    static final String NUMBER = "+15550100199";
    /** Longest message the machine records before it hangs up. */
    static final long MAX_MESSAGE_MS = 30_000;
    private static final byte[] GREETING = clip("machine-greeting");
    private static final byte[] BEEP = Beep.ulaw(1000, 500);
    private static final long POLL_MS = 20;

    private final String callSid;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private volatile boolean recording;

    AnsweringMachine(String callSid) {
        this.callSid = callSid;
    }

    /** True when the local dialer's callee at {@code to} is this machine. */
    static boolean answers(String to) {
        return NUMBER.equals(to);
    }

    /**
     * Plays the greeting and the beep on the stream, tells {@code afterBeep} (the AMD report: Twilio's detection to
     * the message end answers now), then records until the stream closes or the message is as long as it may be.
     */
    void answer(TwilioMediaClient client, Runnable afterBeep, Runnable hangUp) throws InterruptedException {
        if (!recording) {   // a later stream of the same call finds the machine already recording
            play(client, GREETING);
            play(client, BEEP);
            recording = true;
            afterBeep.run();
        }
        long until = System.nanoTime() + MAX_MESSAGE_MS * 1_000_000;
        while (!client.closed().isComplete() && System.nanoTime() < until) {
            Thread.sleep(POLL_MS);
        }
        CallMdc.run(callSid, () -> Log.infof("local answering machine: recorded a %d ms message", messageMs()));
        if (!client.closed().isComplete()) {
            hangUp.run();
        }
    }

    /** Audio the other side sent (μ-law); kept once the beep has played. */
    void heard(byte[] ulaw) {
        if (recording) {
            synchronized (message) {
                message.writeBytes(ulaw);
            }
        }
    }

    /** The recorded message so far (μ-law, 8 kHz). */
    byte[] message() {
        synchronized (message) {
            return message.toByteArray();
        }
    }

    long messageMs() {
        return message().length / 8L;
    }

    private static void play(TwilioMediaClient client, byte[] ulaw) throws InterruptedException {
        client.play(ulaw);
        Thread.sleep(POLL_MS);
        while (client.speaking() && !client.closed().isComplete()) {
            Thread.sleep(POLL_MS);
        }
    }

    private static byte[] clip(String name) {
        try (InputStream in = AnsweringMachine.class.getClassLoader().getResourceAsStream("clips/" + name + ".ulaw")) {
            if (in == null) {
                throw new IllegalStateException("missing clip " + name + " (run scripts/make-clips.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
