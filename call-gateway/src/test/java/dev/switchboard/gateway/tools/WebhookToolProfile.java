package dev.switchboard.gateway.tools;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Webhook tools with a signing secret, a short filler delay and fast retries. */
public class WebhookToolProfile implements QuarkusTestProfile {

    static final String SECRET = "test-webhook-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.webhooks.secret", SECRET,
                "gateway.limits.tool-filler-delay", "300ms",
                "gateway.webhooks.retry-backoff", "20ms");
    }
}
