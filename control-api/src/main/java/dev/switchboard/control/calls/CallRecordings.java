package dev.switchboard.control.calls;

import dev.switchboard.control.history.Recording;
import dev.switchboard.control.history.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/** Finds a call's completed recording and opens its audio from whichever source holds it. */
@ApplicationScoped
class CallRecordings {

    private final RecordingStore recordings;
    private final Instance<RecordingAudio> sources;

    CallRecordings(RecordingStore recordings, @Any Instance<RecordingAudio> sources) {
        this.recordings = recordings;
        this.sources = sources;
    }

    RecordingAudio.Audio open(String callSid) {
        Recording recording = recordings.completedFor(callSid)
                .orElseThrow(() -> new RecordingNotFoundException(callSid));
        for (RecordingAudio source : sources) {
            if (source.serves(recording)) {
                return source.open(recording);
            }
        }
        throw new RecordingNotFoundException(callSid);
    }
}
