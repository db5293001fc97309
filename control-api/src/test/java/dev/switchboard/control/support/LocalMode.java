package dev.switchboard.control.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** No Twilio account: the fake Twilio server is not started and the credentials are blank. */
public class LocalMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("control.twilio.account-sid", "", "control.twilio.auth-token", "",
                "control.twilio.from-number", "");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
