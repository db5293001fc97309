package dev.switchboard.control.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.errors.InvalidInputException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a request at most once per {@code Idempotency-Key}: the first request with a key claims it (a unique row,
 * so across replicas and restarts too), runs, and stores its successful response; later requests with the same key
 * and body get that response back, and a failed first request lets go of the key so that a retry runs afresh.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The HTTP header that carries the key. */
    public static final String HEADER = "Idempotency-Key";
    /** Set to {@code true} on a response that is the stored response of an earlier request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final KeyStore store;
    private final ControlConfig.Idempotency config;
    private final ObjectMapper json;
    private final ObjectMapper canonical;

    IdempotencyKeys(KeyStore store, ControlConfig config, ObjectMapper json) {
        this.store = store;
        this.config = config.calls().idempotency();
        this.json = json;
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    void purgePeriodically(@Observes StartupEvent started, Vertx vertx) {
        vertx.setPeriodic(config.purgeInterval().toMillis(), id -> vertx.executeBlocking(this::purgeExpired, false));
    }

    /**
     * Answers {@code request} under {@code key} within {@code scope} (the operation): {@code first} runs only when
     * no earlier request holds the key. Throws {@link InvalidInputException} for a malformed key,
     * {@link IdempotencyKeyReusedException} when the key came with another body, and
     * {@link IdempotencyKeyInFlightException} when the earlier request is still running after the configured wait.
     */
    public <T> Answer<T> once(String scope, String key, Object request, Class<T> type, Supplier<Answer<T>> first) {
        check(key);
        String hash = hash(request);
        long deadline = System.nanoTime() + config.inFlightWait().toNanos();
        while (true) {
            Instant now = Instant.now();
            String owner = UUID.randomUUID().toString();
            if (store.claim(scope, key, hash, owner, now)) {
                return runFirst(scope, key, owner, first);
            }
            Optional<KeyStore.Row> row = store.find(scope, key);
            if (row.isEmpty()) {
                continue;   // the first request failed and let go of the key in between: claim it again
            }
            Instant cutoff = now.minus(config.ttl());
            if (row.get().createdAt().isBefore(cutoff)) {
                store.deleteIfOlder(scope, key, cutoff);
                continue;
            }
            if (!row.get().hash().equals(hash)) {
                throw new IdempotencyKeyReusedException();
            }
            if (row.get().done()) {
                return new Answer<>(row.get().status(), read(row.get().body(), type), true);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IdempotencyKeyInFlightException(1);
            }
            pause();
        }
    }

    /** Deletes the keys older than the configured TTL; returns how many. */
    public int purgeExpired() {
        int purged = store.purge(Instant.now().minus(config.ttl()));
        if (purged > 0) {
            Log.debugf("purged %d expired idempotency keys", purged);
        }
        return purged;
    }

    private <T> Answer<T> runFirst(String scope, String key, String owner, Supplier<Answer<T>> first) {
        Answer<T> answer;
        try {
            answer = first.get();
        } catch (RuntimeException e) {
            letGo(scope, key, owner);
            throw e;
        }
        try {
            store.complete(scope, key, owner, answer.status(), json.writeValueAsString(answer.body()));
        } catch (JsonProcessingException | RuntimeException e) {
            // The call is placed: the key stays pending until it expires, so no retry can dial again.
            Log.errorf("could not store the response for an idempotency key: %s", e.getMessage());
        }
        return answer;
    }

    private void letGo(String scope, String key, String owner) {
        try {
            store.release(scope, key, owner);
        } catch (RuntimeException e) {
            Log.warnf("could not release an idempotency key after a failure: %s", e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdempotencyKeyInFlightException(1);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }

    // Canonical form: the parsed request with every object's keys sorted, so spacing and key order do not count.
    String hash(Object request) {
        try {
            byte[] body = canonical.writeValueAsBytes(json.convertValue(request, Map.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("request cannot be hashed", e);
        }
    }

    private static void check(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidInputException(HEADER, "must be 1-255 printable ASCII characters");
        }
    }
}
