package dev.switchboard.gateway.localagent;

/** G.711 μ-law decoding, used only inside the local agent to measure loudness (the bridge never decodes audio). */
final class Mulaw {

    private static final short[] LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
            LINEAR[i] = (short) ((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
        }
    }

    private Mulaw() {
    }

    static short decode(byte sample) {
        return LINEAR[sample & 0xFF];
    }

    /** Root mean square of the 16-bit linear samples in {@code audio[from, to)}. */
    static double rms(byte[] audio, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            double s = decode(audio[i]);
            sum += s * s;
        }
        return Math.sqrt(sum / (to - from));
    }
}
