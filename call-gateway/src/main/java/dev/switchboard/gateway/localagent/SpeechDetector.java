package dev.switchboard.gateway.localagent;

/**
 * Energy-based voice activity detection on μ-law audio, in 20 ms windows: speech starts after two loud windows and
 * stops after {@code silenceMs} of quiet ones. Positions are milliseconds of all audio fed so far.
 */
final class SpeechDetector {

    /** Fires when speech starts or stops. */
    interface Listener {
        void speechStarted(long audioStartMs);

        void speechStopped(long audioEndMs);
    }

    private static final int WINDOW_BYTES = 160;
    private static final int WINDOW_MS = 20;
    private static final int LOUD_WINDOWS_TO_START = 2;

    private final Listener listener;
    private final double rmsThreshold;
    private final byte[] window = new byte[WINDOW_BYTES];
    private int windowFill;
    private long positionMs;
    private int silenceMs;
    private int prefixPaddingMs;
    private int loudRun;
    private int quietMs;
    private boolean speaking;

    SpeechDetector(Listener listener, double rmsThreshold) {
        this.listener = listener;
        this.rmsThreshold = rmsThreshold;
    }

    void configure(int silenceDurationMs, int prefixPaddingMs) {
        this.silenceMs = silenceDurationMs;
        this.prefixPaddingMs = prefixPaddingMs;
    }

    boolean speaking() {
        return speaking;
    }

    void feed(byte[] audio) {
        int offset = 0;
        while (offset < audio.length) {
            int n = Math.min(WINDOW_BYTES - windowFill, audio.length - offset);
            System.arraycopy(audio, offset, window, windowFill, n);
            windowFill += n;
            offset += n;
            if (windowFill == WINDOW_BYTES) {
                onWindow(Mulaw.rms(window, 0, WINDOW_BYTES) >= rmsThreshold);
                windowFill = 0;
            }
        }
    }

    private void onWindow(boolean loud) {
        positionMs += WINDOW_MS;
        if (!speaking) {
            loudRun = loud ? loudRun + 1 : 0;
            if (loudRun == LOUD_WINDOWS_TO_START) {
                speaking = true;
                quietMs = 0;
                long firstLoudMs = positionMs - (long) LOUD_WINDOWS_TO_START * WINDOW_MS;
                listener.speechStarted(Math.max(0, firstLoudMs - prefixPaddingMs));
            }
            return;
        }
        quietMs = loud ? 0 : quietMs + WINDOW_MS;
        if (quietMs >= silenceMs) {
            speaking = false;
            loudRun = 0;
            listener.speechStopped(positionMs);
        }
    }
}
