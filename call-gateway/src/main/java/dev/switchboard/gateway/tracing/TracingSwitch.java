package dev.switchboard.gateway.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
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
    static final String PROPERTY = "quarkus.otel.sdk.disabled";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // The standard OpenTelemetry variable, read as such: it is not a Quarkus property of its own.
        return List.of(source(System.getenv(ENDPOINT)));
    }

    static ConfigSource source(String endpoint) {
        boolean off = endpoint == null || endpoint.isBlank();
        return new PropertiesConfigSource(Map.of(PROPERTY, Boolean.toString(off)),
                "switchboard-tracing-switch", ORDINAL);
    }
}
