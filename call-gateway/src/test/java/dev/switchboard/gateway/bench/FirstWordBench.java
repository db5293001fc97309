package dev.switchboard.gateway.bench;

import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.TwilioSigner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time from the /twiml answer to the first agent audio frame at the caller, against a Realtime server that takes
 * 300 ms to accept the socket and 100 ms to acknowledge session.update (docs/bench-runs/2026-12-04-first-word.md).
 */
final class FirstWordBench {

    private static final int WARM_UP = 3;
    private static final int RUNS = 15;

    private FirstWordBench() {
    }

    static void run(FakeRealtime openai, String label) throws InterruptedException {
        for (long gapMs : new long[] {0, 500}) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < WARM_UP + RUNS; i++) {
                long ms = once(openai, "CA_bench_" + label + "_" + gapMs + "_" + i, gapMs);
                if (i >= WARM_UP) {
                    millis.add(ms);
                }
            }
            millis.sort(null);
            System.out.printf("FIRST-WORD %s stream-opens-after=%dms runs=%d min=%d median=%d p90=%d max=%d (ms)%n",
                    label, gapMs, RUNS, millis.get(0), millis.get(RUNS / 2), millis.get((int) (RUNS * 0.9)),
                    millis.get(RUNS - 1));
        }
    }

    private static long once(FakeRealtime openai, String callSid, long gapMs) throws InterruptedException {
        openai.reset();
        openai.acceptDelayMs = 300;
        openai.updateDelayMs = 100;
        openai.responseAudio = Audio.frame(5, 20);
        String token = FakeTwilioCall.streamToken(callSid);
        long answered = System.nanoTime();
        // Twilio's own delay between fetching the TwiML and opening the stream.
        TimeUnit.MILLISECONDS.sleep(gapMs);
        try (FakeTwilioCall twilio = FakeTwilioCall.open(callSid, TwilioSigner.sign(TwilioSigner.STREAM_URL,
                Map.of()))) {
            twilio.start(token);
            twilio.await("media");
            return (System.nanoTime() - answered) / 1_000_000;
        }
    }
}
