package dev.switchboard.gateway.bridge;

/** Why a call ended; {@code tag} is the metric tag and the call.ended reason. */
public enum EndReason {
    TWILIO_STOP("twilio-stop", 1000),
    TWILIO_CLOSED("twilio-closed", 1000),
    AGENT_HUNG_UP("agent-hung-up", 1000),
    HANGUP_REQUESTED("hangup-requested", 1000),
    TRANSFERRED("transferred", 1000),
    TRANSFER_TIMEOUT("transfer-timeout", 1000),
    OPENAI_UNAVAILABLE("openai-unavailable", 1011),
    OPENAI_CLOSED("openai-closed", 1011),
    OPENAI_ERROR("openai-error", 1011),
    SHUTDOWN("shutdown", 1001),
    DRAIN_DEADLINE("drain-deadline", 1001),
    /** Answering-machine detection: the voicemail message was left, then the call hung up. */
    VOICEMAIL("voicemail", 1000),
    /** Answering-machine detection: a machine (mode {@code hangup}) or a fax answered; hung up at once. */
    MACHINE("machine", 1000),
    /** The stream was closed to move the call to another instance, which resumes it (docs/faults.md). */
    MOVED("moved", 1000),
    /**
     * No stream: the call's resume was answered with the end line after its new streams kept failing
     * (resume.ResumeResource, docs/faults.md).
     */
    RESUME_FAILED("resume-failed", 1000);

    public final String tag;
    public final int closeCode;

    EndReason(String tag, int closeCode) {
        this.tag = tag;
        this.closeCode = closeCode;
    }

    /**
     * Whether the call is over, not merely gone from this instance: after a lost or closed stream, a shutdown or a
     * move, Twilio's request of the {@code <Connect action>} resumes the call wherever it lands.
     */
    public boolean callOver() {
        return this != TWILIO_CLOSED && this != SHUTDOWN && this != MOVED;
    }
}
