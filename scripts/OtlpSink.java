import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's OpenTelemetry collector stand-in, a single-file program for the JDK's source launcher:
 * {@code java scripts/OtlpSink.java [port]} (default 4318). It accepts OTLP/HTTP exports on {@code POST /v1/traces}
 * (and /v1/metrics, /v1/logs), reads each body whole and answers 200 with an empty protobuf response (an
 * {@code Export*ServiceResponse} with no partial failure is zero bytes, per the OTLP specification), and prints the
 * exports and bytes received every 10 s. It decodes nothing: it exists so that a service measured with tracing on
 * pays what a real collector costs it on the wire (docs/benchmarks.md, "Tracing and JSON logs").
 */
public class OtlpSink {

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4318;
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/v1/", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
                boolean post = "POST".equals(exchange.getRequestMethod());
                if (post) {
                    exports.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                }
                exchange.sendResponseHeaders(post ? 200 : 405, -1);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        System.out.printf("OTLP sink on http://127.0.0.1:%d (POST /v1/traces)%n", port);
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                System.out.printf("exports %d, bytes %d%n", exports.get(), bytes.get());
            }
        });
    }
}
