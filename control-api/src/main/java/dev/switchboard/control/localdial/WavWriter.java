package dev.switchboard.control.localdial;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a 16-bit PCM WAV (RIFF, format tag 1) from μ-law channels: the format every browser's audio element plays,
 * which μ-law WAV (format tag 7) is not. The μ-law expansion is ITU-T G.711's.
 */
final class WavWriter {

    static final int SAMPLE_RATE = 8000;
    private static final int BITS = 16;

    private WavWriter() {
    }

    /** Bytes the WAV of {@code samples} frames over {@code channels} channels takes, header included. */
    static long size(int channels, int samples) {
        return 44L + (long) samples * channels * (BITS / 8);
    }

    /** Writes the channels (all of one length) interleaved, sample by sample. */
    static void write(byte[][] channels, OutputStream out) throws IOException {
        int count = channels.length;
        int samples = channels[0].length;
        int dataBytes = samples * count * (BITS / 8);
        out.write(header(count, dataBytes));
        byte[] frame = new byte[count * 2];
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < count; c++) {
                short pcm = decode(channels[c][i]);
                frame[c * 2] = (byte) pcm;
                frame[c * 2 + 1] = (byte) (pcm >> 8);
            }
            out.write(frame);
        }
    }

    private static byte[] header(int channels, int dataBytes) {
        int blockAlign = channels * BITS / 8;
        byte[] header = new byte[44];
        ascii(header, 0, "RIFF");
        int32(header, 4, 36 + dataBytes);
        ascii(header, 8, "WAVE");
        ascii(header, 12, "fmt ");
        int32(header, 16, 16);
        int16(header, 20, 1);
        int16(header, 22, channels);
        int32(header, 24, SAMPLE_RATE);
        int32(header, 28, SAMPLE_RATE * blockAlign);
        int16(header, 32, blockAlign);
        int16(header, 34, BITS);
        ascii(header, 36, "data");
        int32(header, 40, dataBytes);
        return header;
    }

    /** G.711 μ-law to linear 16-bit PCM. */
    static short decode(byte ulaw) {
        int u = ~ulaw & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return (short) (sign != 0 ? -magnitude : magnitude);
    }

    private static void ascii(byte[] target, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            target[offset + i] = (byte) text.charAt(i);
        }
    }

    private static void int16(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >> 8);
    }

    private static void int32(byte[] target, int offset, int value) {
        int16(target, offset, value);
        int16(target, offset + 2, value >> 16);
    }
}
