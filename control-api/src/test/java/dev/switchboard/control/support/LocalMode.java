package dev.switchboard.control.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** No Twilio account: the fake Twilio server is not started, the credentials are blank, calls dial locally. */
public class LocalMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // Closed local ports: the local dialer's background call fails fast instead of reaching a real host.
        return Map.of("control.twilio.account-sid", "", "control.twilio.auth-token", "",
                "control.twilio.from-number", "", "control.gateway-public-url", "http://127.0.0.1:9",
                "control.public-url", "http://127.0.0.1:9");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
