package dev.switchboard.control.localdial;

import java.net.URI;
import java.util.Map;

/**
 * Where and as whom a {@link TwilioMediaClient} streams: the {@code <Stream url>} from the TwiML, the handshake
 * headers (e.g. {@code X-Twilio-Signature}), the call's SIDs and the TwiML's {@code <Parameter>}s.
 */
public record MediaStreamOptions(URI url, Map<String, String> headers, String accountSid, String callSid,
                                 Map<String, String> customParameters) { }
