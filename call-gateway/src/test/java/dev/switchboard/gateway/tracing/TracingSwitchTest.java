package dev.switchboard.gateway.tracing;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TracingSwitchTest {

    @Test
    void theSdkIsOffWithoutAnOtlpEndpoint() {
        assertThat(sdkDisabled(Map.of())).isTrue();
        assertThat(sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isTrue();
    }

    @Test
    void anOtlpEndpointTurnsItOn() {
        assertThat(sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318"))).isFalse();
    }

    @Test
    void anExplicitSettingStillWins() {
        assertThat(sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318",
                "QUARKUS_OTEL_SDK_DISABLED", "true"))).isTrue();
    }

    private static boolean sdkDisabled(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new io.smallrye.config.EnvConfigSource(environment, 300))
                .withSources(new TracingSwitch())
                .build();
        return config.getValue("quarkus.otel.sdk.disabled", Boolean.class);
    }
}
