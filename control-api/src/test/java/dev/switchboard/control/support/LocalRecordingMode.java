package dev.switchboard.control.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * Local mode (no Twilio account) with {@link TalkingGatewayServer} as the gateway, on a fixed free port that is also
 * control-api's public URL, so the local dialer's status and recording callbacks reach this control-api.
 */
public class LocalRecordingMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        int port = freePort();
        return Map.of("control.twilio.account-sid", "", "control.twilio.auth-token", "",
                "control.twilio.from-number", "", "quarkus.http.test-port", Integer.toString(port),
                "control.public-url", "http://127.0.0.1:" + port,
                "control.local-dial.ring-time", "10ms", "control.local-dial.turn-gap", "100ms",
                "control.local-dial.max-call-length", "20s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TalkingGatewayServer.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
