package dev.switchboard.control.webhooks;

import dev.switchboard.control.ControlConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.switchboard.control.history.CallEndings;
import dev.switchboard.control.logs.CallMdc;
import dev.switchboard.control.tracing.CallTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The delivery worker: every {@code poll-interval} it claims due deliveries from the outbox and sends them (signed,
 * redirects not followed) without waiting for the answers, within {@link InFlight}'s caps, so one subscriber that
 * answers slowly delays no other; each answer's outcome is recorded as it comes. Failures are retried with
 * exponential backoff and jitter until {@code give-up-after}; 410 Gone disables the subscription. Each recorded
 * attempt counts in {@code switchboard_webhook_deliveries_total{outcome}} (docs/operations.md).
 */
@ApplicationScoped
class WebhookDispatcher {

    private final Deliveries deliveries;
    private final CallEndings endings;
    private final ControlConfig.Webhooks config;
    private final HttpClient http;
    /** Registered at start-up, so that a failure rate is defined before the first delivery. */
    private final Map<String, Counter> outcomes;
    private final CallTraces traces;
    private final InFlight inFlight;
    private ScheduledExecutorService timer;

    WebhookDispatcher(Deliveries deliveries, CallEndings endings, ControlConfig config, MeterRegistry registry,
                      CallTraces traces) {
        this.traces = traces;
        this.deliveries = deliveries;
        this.endings = endings;
        this.outcomes = Map.of("success", delivered(registry, "success"), "retry", delivered(registry, "retry"),
                "failed", delivered(registry, "failed"), "gone", delivered(registry, "gone"));
        this.config = config.webhooks();
        this.inFlight = new InFlight(this.config.maxInFlight(), this.config.maxInFlightPerSubscription());
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.timeout()).build();
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    // An exception would cancel the periodic task for good; a store outage only skips this round.
    private void pollSafely() {
        try {
            // A call.completed held for a gateway's usage report that never came goes out without it.
            endings.releaseOverdue();
            while (poll() == config.batchSize()) {
                Log.debug("webhook outbox: a full batch was due, looking again");
            }
        } catch (RuntimeException e) {
            Log.warnf("webhook delivery round failed: %s", e.getMessage());
        }
    }

    /** Starts the deliveries that are due and may start now; returns how many were looked at. */
    int poll() {
        int room = inFlight.free();
        if (room <= 0) {
            return 0;
        }
        List<Deliveries.Due> due = deliveries.due(Math.min(config.batchSize(), room), inFlight.full());
        for (Deliveries.Due next : due) {
            if (inFlight.take(next.subscriptionId())) {
                start(next);
            }
        }
        return due.size();
    }

    private void start(Deliveries.Due due) {
        Deliveries.Claimed delivery;
        try {
            delivery = deliveries.claim(due, config.lease());
        } catch (RuntimeException e) {
            inFlight.release(due.subscriptionId());
            throw e;
        }
        if (delivery == null) {
            inFlight.release(due.subscriptionId());   // another replica sends it
            return;
        }
        send(delivery).handle((code, failure) -> {
            try {
                recordQuietly(delivery, code, failure == null ? null : describe(failure));
            } finally {
                inFlight.release(due.subscriptionId());
            }
            return null;
        });
    }

    private CompletableFuture<Integer> send(Deliveries.Claimed delivery) {
        Span span = traces.webhookDelivery(delivery.callSid(), delivery.type());
        return post(delivery, CallTraces.traceparent(span.getSpanContext())).whenComplete((code, failure) -> {
            if (code != null) {
                span.setAttribute("http.response.status_code", code);
            }
            if (failure != null || code == null || code < 200 || code > 299) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    private CompletableFuture<Integer> post(Deliveries.Claimed delivery, String traceparent) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(config.timeout());
            if (traceparent != null) {
                builder.header(CallTraces.PARAMETER, traceparent);
            }
            request = builder
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Switchboard-Webhooks/1")
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature",
                            WebhookSigner.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    private void recordQuietly(Deliveries.Claimed delivery, Integer code, String error) {
        try {
            record(delivery, code, error);
        } catch (RuntimeException e) {
            // The lease runs out and the delivery is sent again: at least once, never lost.
            CallMdc.run(delivery.callSid(), () -> Log.warnf("webhook outcome not stored: %s", e.getMessage()));
        }
    }

    private void record(Deliveries.Claimed delivery, Integer code, String error) {
        if (code != null && code >= 200 && code < 300) {
            deliveries.record(delivery, "delivered", code, null, null);
            outcomes.get("success").increment();
        } else if (code != null && code == 410) {
            CallMdc.run(delivery.callSid(),
                    () -> Log.infof("webhook %s answered 410 Gone: disabled", delivery.subscriptionId()));
            deliveries.disable(delivery.subscriptionId(), "receiver answered 410 Gone");
            deliveries.record(delivery, "failed", code, "410 Gone: subscription disabled", null);
            outcomes.get("gone").increment();
        } else {
            String reason = error != null ? error : "HTTP " + code;
            Instant retryAt = Instant.now().plus(backoff(delivery.attempt()));
            boolean exhausted = retryAt.isAfter(delivery.createdAt().plus(config.giveUpAfter()));
            if (exhausted) {
                CallMdc.run(delivery.callSid(), () -> Log.warnf("webhook %s gave up on %s after %d attempts",
                        delivery.subscriptionId(), delivery.type(), delivery.attempt()));
            }
            deliveries.record(delivery, exhausted ? "failed" : "retrying", code, reason, exhausted ? null : retryAt);
            outcomes.get(exhausted ? "failed" : "retry").increment();
        }
    }

    /** Full jitter over the upper half: initial × 2^(attempt-1), capped, then scaled by a random 0.5–1.0. */
    Duration backoff(int attempt) {
        long initial = config.backoffInitial().toMillis();
        long capped = Math.min(config.backoffMax().toMillis(), initial << Math.min(Math.max(attempt - 1, 0), 30));
        return Duration.ofMillis((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() / 2)));
    }

    private static Counter delivered(MeterRegistry registry, String outcome) {
        return Counter.builder("switchboard.webhook.deliveries").tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome").register(registry);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String name = cause.getClass().getSimpleName();
        return name.contains("Timeout") ? "timed out" : "not delivered: " + name;
    }
}
