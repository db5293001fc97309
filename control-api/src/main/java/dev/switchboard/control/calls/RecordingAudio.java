package dev.switchboard.control.calls;

import dev.switchboard.control.history.Recording;

import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Opens a stored recording's audio for {@code GET /api/calls/{sid}/recording}: Twilio's recordings are fetched from
 * Twilio's REST API with the account's credentials, the local dialer's from its own files. Blocking (worker thread).
 */
public interface RecordingAudio {

    /** True when this source holds {@code recording}'s audio. */
    boolean serves(Recording recording);

    /**
     * Opens the audio (the caller closes it); throws {@link RecordingNotFoundException} when the source has none and
     * {@link RecordingUnavailableException} when it cannot be reached.
     */
    Audio open(Recording recording);

    /** An open audio stream: a WAV file, its length when known. */
    record Audio(InputStream body, String contentType, OptionalLong length) { }
}
