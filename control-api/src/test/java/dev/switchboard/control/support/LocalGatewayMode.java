package dev.switchboard.control.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** Local mode (no Twilio account) with {@link FakeGatewayServer} as the gateway, and no API key. */
public class LocalGatewayMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("control.twilio.account-sid", "", "control.twilio.auth-token", "",
                "control.twilio.from-number", "", "control.security.api-key", "",
                "control.local-dial.ring-time", "10ms", "control.local-dial.dtmf-gap", "120ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeGatewayServer.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
