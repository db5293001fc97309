package dev.switchboard.control.calls;

import java.net.URI;

/**
 * One outbound call to place. {@code twimlUrl} is the gateway's {@code /twiml}; {@code statusCallbackUrl}
 * is control-api's {@code /twilio/status}, which wants initiated, ringing, answered and completed events. With
 * {@code record}, the call is recorded (both sides, dual channel) and reported to {@code recordingCallbackUrl}.
 * {@code amdCallbackUrl} (control-api's {@code /twilio/amd}) is set when the call asked for {@code amd}: the dial
 * then uses asynchronous detection to the message end and reports there (it takes over {@code machineDetection}).
 */
public record DialRequest(String to, String from, URI twimlUrl, URI statusCallbackUrl,
                          boolean machineDetection, boolean record, URI recordingCallbackUrl, URI amdCallbackUrl) {

    /** A dial without answering-machine detection. */
    public DialRequest(String to, String from, URI twimlUrl, URI statusCallbackUrl, boolean machineDetection,
                       boolean record, URI recordingCallbackUrl) {
        this(to, from, twimlUrl, statusCallbackUrl, machineDetection, record, recordingCallbackUrl, null);
    }

    /** True when the call was dialed for answering-machine detection ({@code amd} in the request). */
    public boolean amd() {
        return amdCallbackUrl != null;
    }
}
