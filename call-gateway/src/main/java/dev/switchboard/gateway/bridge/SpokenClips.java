package dev.switchboard.gateway.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The gateway's own recorded announcements (8 kHz μ-law, no header), made by scripts/make-clips.sh. */
public enum SpokenClips {
    /** Played to calls still live when the drain deadline is reached. */
    SHUTDOWN_GOODBYE("shutdown-goodbye"),
    /** Played when the agent's connection is lost and cannot be restored. */
    CONNECTION_LOST("connection-lost");

    private final String name;
    private volatile byte[] audio;

    SpokenClips(String name) {
        this.name = name;
    }

    public byte[] audio() {
        byte[] loaded = audio;
        if (loaded == null) {
            try (InputStream in = SpokenClips.class.getClassLoader().getResourceAsStream("clips/" + name + ".ulaw")) {
                if (in == null) {
                    throw new IllegalStateException("missing resource clips/" + name + ".ulaw");
                }
                loaded = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            audio = loaded;
        }
        return loaded;
    }
}
