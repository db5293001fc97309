package dev.switchboard.gateway.tools;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Webhook tools with a signing secret, a short filler delay and fast retries, and tracing on (so tool calls carry a
 * traceparent); nothing listens at the OTLP endpoint and the batch is not due before the tests end.
 */
public class WebhookToolProfile implements QuarkusTestProfile {

    static final String SECRET = "test-webhook-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.webhooks.secret", SECRET,
                "gateway.limits.tool-filler-delay", "300ms",
                "gateway.webhooks.retry-backoff", "20ms",
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9",
                "quarkus.otel.bsp.schedule.delay", "1h");
    }
}
