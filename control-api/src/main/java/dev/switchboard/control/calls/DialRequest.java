package dev.switchboard.control.calls;

import java.net.URI;

/**
 * One outbound call to place. {@code twimlUrl} is the gateway's {@code /twiml}; {@code statusCallbackUrl}
 * is control-api's {@code /twilio/status}, which wants initiated, ringing, answered and completed events. With
 * {@code record}, the call is recorded (both sides, dual channel) and reported to {@code recordingCallbackUrl}.
 */
public record DialRequest(String to, String from, URI twimlUrl, URI statusCallbackUrl,
                          boolean machineDetection, boolean record, URI recordingCallbackUrl) { }
