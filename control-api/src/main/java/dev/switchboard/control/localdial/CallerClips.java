package dev.switchboard.control.localdial;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The local caller's lines, in the order it says them (raw μ-law resources made by scripts/make-clips.sh). */
final class CallerClips {

    private static final List<String> TURNS = List.of("question", "goodbye");

    private CallerClips() {
    }

    static List<byte[]> turns() {
        return TURNS.stream().map(CallerClips::read).toList();
    }

    private static byte[] read(String name) {
        try (InputStream in = CallerClips.class.getClassLoader().getResourceAsStream("clips/" + name + ".ulaw")) {
            if (in == null) {
                throw new IllegalStateException("missing clip " + name + " (run scripts/make-clips.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
