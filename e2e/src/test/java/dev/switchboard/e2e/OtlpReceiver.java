package dev.switchboard.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint on 127.0.0.1 (https://opentelemetry.io/docs/specs/otlp/#otlphttp):
 * takes {@code POST /v1/traces} with a binary protobuf {@code ExportTraceServiceRequest} and keeps every span.
 * Anything else (another path, JSON, gzip) is answered 415/404 and counted, so a misconfigured exporter shows.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span with its resource's {@code service.name}; ids in lowercase hex. */
    record Received(String service, String traceId, String spanId, String parentSpanId, String name,
                    Map<String, String> attributes) { }

    private final HttpServer server;
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                boolean traces = "POST".equals(exchange.getRequestMethod())
                        && "/v1/traces".equals(exchange.getRequestURI().getPath());
                if (!traces || type == null || !type.startsWith("application/x-protobuf")
                        || exchange.getRequestHeaders().containsKey("Content-Encoding")) {
                    refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + type);
                    exchange.sendResponseHeaders(traces ? 415 : 404, -1);
                    return;
                }
                keep(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> spans() {
        return List.copyOf(spans);
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    private void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = text(resource.getResource().getAttributesList()).get("service.name");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new Received(service, hex(span.getTraceId().toByteArray()),
                            hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                            span.getName(), text(span.getAttributesList())));
                }
            }
        }
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> switch (kv.getValue().getValueCase()) {
            case STRING_VALUE -> kv.getValue().getStringValue();
            case BOOL_VALUE -> Boolean.toString(kv.getValue().getBoolValue());
            case INT_VALUE -> Long.toString(kv.getValue().getIntValue());
            case DOUBLE_VALUE -> Double.toString(kv.getValue().getDoubleValue());
            default -> kv.getValue().toString();
        }, (a, b) -> b));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
