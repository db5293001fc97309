package dev.switchboard.control.webhooks;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber's endpoint on 127.0.0.1: answers 500 to the first {@code failures} requests, then {@code status}; a
 * {@code status} of 0 answers nothing at all (a hung subscriber: the sender's timeout ends each request).
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(MultiMap headers, String body, int answered, Instant at) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final int status;
    private final HttpServer server;

    WebhookReceiver(int failures, int status) {
        this.failuresLeft = new AtomicInteger(failures);
        this.status = status;
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int answer = failuresLeft.getAndDecrement() > 0 ? 500 : status;
            received.add(new Received(request.headers(), body.toString(), answer, Instant.now()));
            if (answer != 0) {
                request.response().setStatusCode(answer).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    /** From now on every request gets {@code status}. */
    void stopFailing() {
        failuresLeft.set(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks";
    }

    /** Every request for {@code callSid}, in arrival order. */
    List<Received> forCall(String callSid) {
        return received.stream().filter(r -> callSid.equals(r.json().getString("callSid"))).toList();
    }

    /** The accepted (2xx) requests for {@code callSid}. */
    List<Received> acceptedForCall(String callSid) {
        return forCall(callSid).stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
