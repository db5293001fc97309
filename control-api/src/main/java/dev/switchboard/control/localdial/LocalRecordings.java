package dev.switchboard.control.localdial;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.RecordingAudio;
import dev.switchboard.control.calls.RecordingNotFoundException;
import dev.switchboard.control.history.Recording;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The local dialer's recordings: one WAV file per recording in {@code control.local-dial.recordings-dir}, named by
 * its RecordingSid, served by {@code GET /api/calls/{sid}/recording} like Twilio's.
 */
@ApplicationScoped
public class LocalRecordings implements RecordingAudio {

    // Only a well-formed SID becomes a file name: nothing a caller sends can point outside the directory.
    private static final Pattern SID = Pattern.compile("RE[0-9a-f]{32}");

    private final Path directory;

    LocalRecordings(ControlConfig config) {
        this.directory = Path.of(config.localDial().recordingsDir());
    }

    @Override
    public boolean serves(Recording recording) {
        return recording.local();
    }

    @Override
    public Audio open(Recording recording) {
        Path file = file(recording.recordingSid());
        try {
            return new Audio(Files.newInputStream(file), "audio/wav", OptionalLong.of(Files.size(file)));
        } catch (IOException e) {
            throw new RecordingNotFoundException(recording.callSid());
        }
    }

    /** Writes the recorder's two channels as a WAV under {@code recordingSid}; returns the samples per channel. */
    int save(String recordingSid, DualChannelRecorder recorder) {
        byte[][] channels = recorder.channels();
        Path file = file(recordingSid);
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(recordingSid + ".wav.part");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
                WavWriter.write(channels, out);
            }
            // A reader sees either no file or the whole of it.
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the local recording could not be written", e);
        }
        return channels[0].length;
    }

    private Path file(String recordingSid) {
        if (recordingSid == null || !SID.matcher(recordingSid).matches()) {
            throw new RecordingNotFoundException("-");
        }
        return directory.resolve(recordingSid + ".wav");
    }
}
