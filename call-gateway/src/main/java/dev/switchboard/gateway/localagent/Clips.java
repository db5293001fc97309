package dev.switchboard.gateway.localagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local agent's recorded speech and the caller lines it "hears", loaded from {@code clips/} on the classpath
 * (made by scripts/make-clips.sh).
 */
final class Clips {

    static final String GREETING = "greeting";
    static final String ANSWER = "answer";
    static final String ORDER_STATUS = "order-status";
    static final String FAREWELL = "farewell";
    static final String APOLOGY = "apology";

    private final Properties transcripts;
    private final Map<String, Clip> loaded = new ConcurrentHashMap<>();

    private Clips(Properties transcripts) {
        this.transcripts = transcripts;
    }

    static Clips load() {
        Properties transcripts = new Properties();
        try (InputStream in = resource("clips/clips.properties")) {
            transcripts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Clips(transcripts);
    }

    Clip clip(String name) {
        return loaded.computeIfAbsent(name, this::read);
    }

    private Clip read(String name) {
        try (InputStream in = resource("clips/" + name + ".ulaw")) {
            return new Clip(name, transcripts.getProperty(name, ""), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the caller said in their clip {@code name}, as the local agent's "transcription" reports it. */
    String callerLine(String name) {
        return transcripts.getProperty("caller." + name, "");
    }

    private static InputStream resource(String path) {
        InputStream in = Clips.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path + " (run scripts/make-clips.sh)");
        }
        return in;
    }
}
