package dev.switchboard.gateway.tracing;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TracingSwitchTest {

    @Test
    void theSdkIsOffWithoutAnOtlpEndpoint() {
        assertThat(sdkDisabled(null, Map.of())).isTrue();
        assertThat(sdkDisabled(" ", Map.of())).isTrue();
    }

    @Test
    void anOtlpEndpointTurnsItOn() {
        assertThat(sdkDisabled("http://otel-collector:4318", Map.of())).isFalse();
    }

    @Test
    void anExplicitSettingStillWins() {
        assertThat(sdkDisabled("http://otel-collector:4318", Map.of("QUARKUS_OTEL_SDK_DISABLED", "true"))).isTrue();
    }

    private static boolean sdkDisabled(String endpoint, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(TracingSwitch.source(endpoint))
                .build();
        return config.getValue("quarkus.otel.sdk.disabled", Boolean.class);
    }
}
