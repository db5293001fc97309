package dev.switchboard.control.localdial;

/** A voicemail beep made on the spot (a sine tone in μ-law, 8 kHz): too simple to be worth a clip file. */
final class Beep {

    private static final int SAMPLE_RATE = 8000;
    private static final double AMPLITUDE = 0.5 * Short.MAX_VALUE;

    private Beep() {
    }

    static byte[] ulaw(int hz, int ms) {
        byte[] tone = new byte[SAMPLE_RATE * ms / 1000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = encode((int) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE)));
        }
        return tone;
    }

    /** G.711 μ-law encoding of one 16-bit sample. */
    static byte encode(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
