package dev.switchboard.gateway.tools;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A customer's webhook endpoint on a random local port: records each request, answers per path. */
final class ToolServer implements AutoCloseable {

    record Received(String path, MultiMap headers, String body) { }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    ToolServer() {
        server = vertx.createHttpServer().requestHandler(this::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.toString()));
            int n = hits.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
            var response = request.response().putHeader("Content-Type", "application/json");
            switch (request.path()) {
                case "/fine" -> response.end("{\"status\":\"shipped\",\"eta\":\"Friday\"}");
                case "/slow" -> vertx.setTimer(1200, id -> response.end("{\"status\":\"found after a while\"}"));
                case "/fail" -> response.setStatusCode(500).end("{\"trace\":\"NullPointerException at secret.Internal\"}");
                case "/hang" -> { }
                case "/flaky" -> {
                    if (n <= 2) {
                        response.setStatusCode(503).end();
                    } else {
                        response.end("{\"status\":\"third time lucky\"}");
                    }
                }
                case "/unavailable" -> response.setStatusCode(503).end();
                case "/huge" -> response.end("{\"blob\":\"" + "x".repeat(200_000) + "\"}");
                default -> response.setStatusCode(404).end();
            }
        });
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
