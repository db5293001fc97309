package dev.switchboard.gateway.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Turns the OpenTelemetry SDK off unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (docs/operations.md, "Tracing").
 * {@code quarkus.otel.sdk.disabled} is a runtime property, so the same build (JVM or native) traces or not by the
 * environment it starts in.
 */
public class TracingSwitch implements ConfigSourceFactory {

    // Below application.properties (250) and environment variables (300): QUARKUS_OTEL_SDK_DISABLED still wins.
    static final int ORDINAL = 200;
    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT);
        boolean off = endpoint == null || endpoint.getValue() == null || endpoint.getValue().isBlank();
        return List.of(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", Boolean.toString(off)),
                "switchboard-tracing-switch", ORDINAL));
    }
}
