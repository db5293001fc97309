package dev.switchboard.gateway.tools;

import dev.switchboard.gateway.GatewayConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * POSTs webhook tool calls with the non-blocking Vert.x HTTP client: one deadline for the whole call (retries
 * included), and retries only when the tool is idempotent and the failure says the request was not processed
 * (no connection, or 502/503/504).
 */
@ApplicationScoped
public class WebhookClient {

    /** A webhook's answer: HTTP status and body (bounded). */
    public record Reply(int status, String body) { }

    /** The webhook answered with a body over the size limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("response too large", null, false, false);
        }
    }

    /** The connection could not be made (safe to retry: the request never reached the tool). */
    static final class NotConnected extends RuntimeException {
        NotConnected(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final GatewayConfig.Webhooks config;

    WebhookClient(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config.webhooks();
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setTryUseCompression(false));
    }

    /** Posts the body; fails with TimeoutException once {@code timeoutMs} has passed over all attempts. */
    public Future<Reply> post(URI url, MultiMap headers, Buffer body, long timeoutMs, boolean idempotent) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        int attempts = idempotent ? Math.max(1, config.maxAttempts()) : 1;
        return attempt(url, headers, body, deadline, 1, attempts);
    }

    private Future<Reply> attempt(URI url, MultiMap headers, Buffer body, long deadline, int n, int attempts) {
        return once(url, headers, body, remainingMs(deadline)).transform(result -> {
            boolean retriable = result.failed() ? result.cause() instanceof NotConnected
                    : result.result().status() == 502 || result.result().status() == 503
                    || result.result().status() == 504;
            long backoff = config.retryBackoff().toMillis() << (n - 1);
            if (!retriable || n >= attempts || remainingMs(deadline) <= backoff) {
                return result.succeeded() ? Future.succeededFuture(result.result())
                        : Future.failedFuture(result.cause());
            }
            Log.debugf("webhook %s attempt %d failed (%s): retrying", url.getHost(), n,
                    result.failed() ? "no connection" : "HTTP " + result.result().status());
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(Math.max(1, backoff), id -> pause.complete());
            return pause.future().compose(ignored -> attempt(url, headers, body, deadline, n + 1, attempts));
        });
    }

    private Future<Reply> once(URI url, MultiMap headers, Buffer body, long timeoutMs) {
        if (timeoutMs <= 0) {
            return Future.failedFuture(new TimeoutException());
        }
        Promise<Reply> reply = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (reply.tryFail(new TimeoutException()) && sent[0] != null) {
                sent[0].reset();
            }
        });
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .setHeaders(headers).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
        client.request(options)
                .recover(failure -> Future.failedFuture(new NotConnected(failure)))
                .compose(request -> {
                    sent[0] = request;
                    return request.send(body);
                })
                .compose(this::readBounded)
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    if (result.succeeded()) {
                        reply.tryComplete(result.result());
                    } else {
                        reply.tryFail(result.cause());
                    }
                });
        return reply.future();
    }

    private Future<Reply> readBounded(HttpClientResponse response) {
        int max = config.maxResponseBytes();
        Promise<Reply> reply = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > max) {
                if (reply.tryFail(new TooLarge())) {
                    response.request().reset();
                }
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(reply::tryFail);
        response.endHandler(ignored -> reply.tryComplete(new Reply(response.statusCode(), body.toString())));
        return reply.future();
    }

    private static long remainingMs(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
