package dev.switchboard.control.localdial;

import dev.switchboard.control.calls.DialRequest;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's asynchronous answering-machine detection for a local call dialed with {@code amd}: posts
 * {@code AnsweredBy} to the call's {@code AsyncAmdStatusCallback} as Twilio does (form-encoded, signed):
 * {@code human} about {@link #HUMAN_AFTER} after a person answers, {@code machine_end_beep} when the
 * {@link AnsweringMachine}'s beep has played. Nothing for a call dialed without {@code amd}.
 */
final class LocalAmd {

    /** How long detection takes to hear a person (Twilio's is about this, as speech starts and stops). */
    static final Duration HUMAN_AFTER = Duration.ofSeconds(1);

    private final String callSid;
    private final String accountSid;
    private final DialRequest request;
    private final TwilioForms forms;
    private volatile long answeredAtNanos;

    LocalAmd(String callSid, String accountSid, DialRequest request, TwilioForms forms) {
        this.callSid = callSid;
        this.accountSid = accountSid;
        this.request = request;
        this.forms = forms;
    }

    /** The call was answered; a person's answer is reported a second later, on its own thread. */
    void answered(boolean byMachine) {
        answeredAtNanos = System.nanoTime();
        if (!request.amd() || byMachine) {
            return;
        }
        Thread.ofVirtual().name("local-amd-" + callSid).start(() -> {
            try {
                Thread.sleep(HUMAN_AFTER.toMillis());
                report("human");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The machine's beep has played: detection to the message end answers now. */
    void beepPlayed() {
        if (request.amd()) {
            report("machine_end_beep");
        }
    }

    private void report(String answeredBy) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("CallSid", callSid);
        params.put("AnsweredBy", answeredBy);
        params.put("MachineDetectionDuration",
                Long.toString(Duration.ofNanos(System.nanoTime() - answeredAtNanos).toMillis()));
        try {
            int code = forms.post(request.amdCallbackUrl(), params).statusCode();
            if (code / 100 != 2) {
                CallMdc.run(callSid, () -> Log.warnf("AMD callback answered HTTP %d", code));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            CallMdc.run(callSid, () -> Log.warnf("AMD callback failed: %s", e.getMessage()));
        }
    }
}
