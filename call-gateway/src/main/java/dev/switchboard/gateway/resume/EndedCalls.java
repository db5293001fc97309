package dev.switchboard.gateway.resume;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls this instance ended on purpose (the agent hung up, a transfer, control-api's hang-up, a goodbye), kept a
 * while: closing the stream makes Twilio request the {@code <Connect action>}, and if that request comes back here
 * it ends the call without waiting for control-api to have stored the end.
 */
@ApplicationScoped
public class EndedCalls {

    private static final int REMEMBERED = 10_000;

    private final Map<String, String> ended = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    public void ended(String callSid, String reason) {
        ended.put(callSid, reason);
    }

    /** Why this instance ended the call, or null when it did not. */
    public String reason(String callSid) {
        return ended.get(callSid);
    }
}
