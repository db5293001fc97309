package dev.switchboard.control.idempotency;

import dev.switchboard.control.storage.Database;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class IdempotencyKeysTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Inject
    Database database;

    @Inject
    IdempotencyKeys keys;

    private String client;
    private String to;
    private String key;

    @BeforeEach
    void freshClientNumberAndKey() {
        client = "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256);
        to = uniqueNumber();
        key = UUID.randomUUID().toString();
    }

    @AfterEach
    void twilioAnswersAtOnceAgain() {
        twilio.delay(Duration.ZERO);
    }

    @Test
    void sameKeyAndBodyDialsOnceAndReplaysTheFirstResponse() {
        Response first = post(key, """
                {"to": "%s", "variables": {"order": "A-17", "slot": 3}}""".formatted(to));
        Response again = post(key, """
                {  "variables": {"slot": 3, "order": "A-17"},
                   "to": "%s"  }""".formatted(to));

        first.then().statusCode(201).header(IdempotencyKeys.REPLAYED_HEADER, (String) null);
        again.then().statusCode(201).header(IdempotencyKeys.REPLAYED_HEADER, "true")
                .header("Location", first.header("Location"));
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(dials()).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedWithoutDialling() {
        post(key, "{\"to\": \"%s\"}".formatted(to)).then().statusCode(201);

        post(key, "{\"to\": \"%s\", \"record\": true}".formatted(to)).then().statusCode(422)
                .body("code", is("idempotency_key_reused"));
        assertThat(dials()).isEqualTo(1);
    }

    @Test
    void anotherAmdPlanIsAnotherBody() {
        post(key, """
                {"to": "%s", "amd": {"mode": "message", "message": "Call us back."}}""".formatted(to))
                .then().statusCode(201);

        post(key, """
                {"amd": {"message": "Call us back.", "mode": "message"}, "to": "%s"}""".formatted(to))
                .then().statusCode(201).header(IdempotencyKeys.REPLAYED_HEADER, "true");
        post(key, """
                {"to": "%s", "amd": {"mode": "hangup"}}""".formatted(to)).then().statusCode(422)
                .body("code", is("idempotency_key_reused"));
        post(key, "{\"to\": \"%s\"}".formatted(to)).then().statusCode(422);
        assertThat(dials()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyDialOnce() throws Exception {
        twilio.delay(Duration.ofMillis(500));
        String body = "{\"to\": \"%s\"}".formatted(to);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitLatch(start);
                    return post(key, body);
                }, pool));
            }
            start.countDown();
            List<Response> responses = answers.stream().map(CompletableFuture::join).toList();

            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(201));
            assertThat(responses.stream().map(r -> r.jsonPath().getString("sid")).distinct()).hasSize(1);
            assertThat(responses.stream().filter(r -> r.header(IdempotencyKeys.REPLAYED_HEADER) == null)).hasSize(1);
            assertThat(dials()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyStillInFlightAfterTheWaitIsConflictWithRetryAfter() {
        twilio.delay(Duration.ofSeconds(5));
        String body = "{\"to\": \"%s\"}".formatted(to);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> post(key, body));
        await().atMost(Duration.ofSeconds(5)).until(() -> "pending".equals(state()));

        post(key, body).then().statusCode(409).header("Retry-After", "1").body("code", is("idempotency_key_in_flight"));

        first.join().then().statusCode(201);
        post(key, body).then().statusCode(201).header(IdempotencyKeys.REPLAYED_HEADER, "true");
        assertThat(dials()).isEqualTo(1);
    }

    @Test
    void aFailedDialIsNotRememberedSoARetryDials() {
        twilio.failNext(400, 21211);
        String body = "{\"to\": \"%s\"}".formatted(to);

        post(key, body).then().statusCode(502).body("code", is("twilio.rejected"));
        post(key, body).then().statusCode(201).header(IdempotencyKeys.REPLAYED_HEADER, (String) null);
        assertThat(dials()).isEqualTo(2);
    }

    @Test
    void anExpiredKeyIsIgnoredThenPurged() {
        String body = "{\"to\": \"%s\"}".formatted(to);
        String sid = post(key, body).then().statusCode(201).extract().path("sid");
        age(Duration.ofHours(25));

        post(key, body).then().statusCode(201).body("sid", not(is(sid)));
        assertThat(dials()).isEqualTo(2);
        age(Duration.ofHours(25));
        assertThat(keys.purgeExpired()).isPositive();
        assertThat(state()).isNull();
    }

    @Test
    void malformedKeysAreRefusedWithoutDialling() {
        String body = "{\"to\": \"%s\"}".formatted(to);

        for (String bad : List.of("", "k".repeat(256), "tab\there", "caf\u00e9")) {
            Response refused = post(bad, body);
            assertThat(refused.statusCode()).as("key [%s]", bad).isEqualTo(400);
            refused.then().body("code", is("request.invalid"), "field", is("Idempotency-Key"));
        }
        // The longest valid key, unique per run: a PostgreSQL test database keeps keys between runs.
        post((key + "k".repeat(255)).substring(0, 255), body).then().statusCode(201);
        assertThat(dials()).isEqualTo(1);
    }

    private Response post(String idempotencyKey, String body) {
        return api().header("X-Forwarded-For", client).header(IdempotencyKeys.HEADER, idempotencyKey)
                .contentType(JSON).body(body).post("/api/calls");
    }

    private long dials() {
        return twilio.received().stream()
                .filter(r -> r.path().endsWith("/Calls.json") && to.equals(r.form().get("To"))).count();
    }

    private String state() {
        return database.autoCommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state FROM idempotency_keys WHERE idem_key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    private void age(Duration age) {
        database.autoCommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idempotency_keys SET created_at = ? WHERE idem_key = ?")) {
                update.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
                update.setString(2, key);
                return update.executeUpdate();
            }
        });
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
