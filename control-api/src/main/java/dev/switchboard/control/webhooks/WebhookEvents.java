package dev.switchboard.control.webhooks;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** The event types a subscription may ask for, and which call status each stands for (docs/webhooks.md). */
final class WebhookEvents {

    static final String ALL = "*";
    static final Set<String> TYPES = new TreeSet<>(Arrays.asList("call.queued", "call.ringing", "call.answered",
            "call.completed", "call.failed", "call.recording", "call.transcript", "call.tool", "call.transfer",
            "call.amd"));
    /** A call's recording completed (not a status: written by {@link WebhookOutbox#recordingCompleted}). */
    static final String RECORDING = "call.recording";

    private WebhookEvents() {
    }

    /** The event a move to {@code status} raises, or null (initiated is not an outcome anyone asked for). */
    static String forStatus(String status) {
        return switch (status) {
            case "queued" -> "call.queued";
            case "ringing" -> "call.ringing";
            case "in-progress" -> "call.answered";
            case "completed" -> "call.completed";
            case "busy", "no-answer", "failed", "canceled" -> "call.failed";
            default -> null;
        };
    }
}
