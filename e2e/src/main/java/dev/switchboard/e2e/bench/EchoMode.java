package dev.switchboard.e2e.bench;

/**
 * How the fake Realtime server answers the gateway's {@code input_audio_buffer.append}s (BENCH_ECHO).
 * {@code every} (the default, and what the benchmark has always done): every append at once as one
 * {@code response.output_audio.delta} with the same payload, so each caller frame is one agent frame back.
 * {@code batch:N}: N appends' audio joined into one delta, sent when the N-th arrives, since the real API sends
 * deltas longer than Twilio's 20 ms frames; the gateway then forwards fewer, larger Twilio frames.
 */
record EchoMode(int appendsPerDelta) {

    static final EchoMode EVERY = new EchoMode(1);

    static EchoMode parse(String value) {
        if (value == null || value.isBlank() || value.equals("every")) {
            return EVERY;
        }
        if (value.startsWith("batch:")) {
            int n = Integer.parseInt(value.substring("batch:".length()));
            if (n >= 1) {
                return new EchoMode(n);
            }
        }
        throw new IllegalArgumentException("BENCH_ECHO must be every or batch:N (N >= 1), not " + value);
    }

    String describe() {
        return appendsPerDelta == 1 ? "every: each append answered at once by one delta, same payload"
                : "batch:%d: every %d appends answered by one delta of their joined audio".formatted(appendsPerDelta,
                        appendsPerDelta);
    }
}
