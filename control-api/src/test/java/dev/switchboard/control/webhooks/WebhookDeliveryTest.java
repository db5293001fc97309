package dev.switchboard.control.webhooks;

import dev.switchboard.control.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.TwilioCallbacks.callback;
import static dev.switchboard.control.support.TwilioCallbacks.postSigned;
import static io.restassured.RestAssured.given;
import static dev.switchboard.control.support.TwilioCallbacks.postSignedRecording;
import static dev.switchboard.control.support.TwilioCallbacks.recording;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class WebhookDeliveryTest {

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> api().delete("/api/webhooks/{id}", id));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void deliversACallsEventsInOrderAfterFailedAttemptsWithValidSignatures() throws Exception {
        WebhookReceiver receiver = receiver(3, 204);
        String secret = subscribe(receiver.url(), "[\"*\"]")[1];
        String sid = Calls.sid();

        runCall(sid, "completed");

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.acceptedForCall(sid).size() == 4);
        List<WebhookReceiver.Received> all = receiver.forCall(sid);
        assertThat(all).hasSize(7);
        assertThat(all.subList(0, 3)).allSatisfy(r -> assertThat(r.answered()).isEqualTo(500));
        assertThat(all.stream().map(r -> r.headers().get("webhook-id")).distinct()).hasSize(4);
        assertThat(Duration.between(all.get(1).at(), all.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        List<WebhookReceiver.Received> accepted = receiver.acceptedForCall(sid);
        assertThat(accepted.stream().map(r -> r.json().getString("type")))
                .containsExactly("call.queued", "call.ringing", "call.answered", "call.completed");
        assertThat(accepted.stream().map(r -> r.json().getInteger("sequence"))).containsExactly(1, 2, 3, 4);
        assertThat(accepted.get(3).json().getJsonObject("data").getLong("durationMs")).isEqualTo(42000L);
        assertThat(accepted.get(0).json().getJsonObject("data").fieldNames()).doesNotContain("endedAt", "durationMs");
        assertThat(accepted).allSatisfy(r -> assertThat(r.body()).doesNotContain("null"));
        for (WebhookReceiver.Received r : all) {
            assertThat(r.headers().get("webhook-signature")).isEqualTo(expectedSignature(secret, r));
            assertThat(r.headers().get("Authorization")).isNull();
            assertThat(r.json().getString("id")).isEqualTo(r.headers().get("webhook-id"));
        }
    }

    @Test
    void aSubscriberThatDoesNotAnswerDelaysNoOtherSubscriber() {
        WebhookReceiver hung = receiver(0, 0);
        WebhookReceiver quick = receiver(0, 204);
        subscribe(hung.url(), "[\"call.queued\"]");
        subscribe(quick.url(), "[\"call.queued\"]");
        String first = Calls.sid();
        String second = Calls.sid();

        postSigned(callback(first, "queued", 0)).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> hung.forCall(first).size() == 1);
        postSigned(callback(second, "queued", 0)).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> quick.acceptedForCall(second).size() == 1);

        // The hung request waits out the 2 s test timeout; the other subscriber's next event must not wait for it.
        assertThat(Duration.between(hung.forCall(first).getFirst().at(), quick.acceptedForCall(second).getFirst().at()))
                .isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void listsEveryAttemptInTheDeliveries() {
        WebhookReceiver receiver = receiver(2, 200);
        String id = subscribe(receiver.url(), "[\"call.ringing\"]")[0];
        String sid = Calls.sid();

        runCall(sid, "completed");

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.acceptedForCall(sid).size() == 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> api().get("/api/webhooks/{id}/deliveries", id)
                .then().statusCode(200).body("size()", is(3), "[0].outcome", is("delivered"),
                        "[0].statusCode", is(200), "[0].eventType", is("call.ringing"), "[0].attempt", is(3),
                        "[1].outcome", is("retrying"), "[1].statusCode", is(500), "[1].error", is("HTTP 500")));
    }

    @Test
    void countsEachAttemptByOutcome() {
        double successes = deliveries("success");
        double retries = deliveries("retry");
        double gone = deliveries("gone");
        WebhookReceiver retried = receiver(2, 200);
        WebhookReceiver goneReceiver = receiver(0, 410);
        subscribe(retried.url(), "[\"call.ringing\"]");
        subscribe(goneReceiver.url(), "[\"call.ringing\"]");
        String sid = Calls.sid();

        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(deliveries("success") - successes).isGreaterThanOrEqualTo(1);
            assertThat(deliveries("retry") - retries).isGreaterThanOrEqualTo(2);
            assertThat(deliveries("gone") - gone).isGreaterThanOrEqualTo(1);
        });
        assertThat(deliveries("failed")).isNotNegative();
    }

    @Test
    void aCompletedRecordingIsSentOnceAsCallRecordingWithoutItsTwilioUrl() {
        WebhookReceiver receiver = receiver(0, 204);
        subscribe(receiver.url(), "[\"call.recording\"]");
        String sid = Calls.sid();
        // A fresh SID per run: on PostgreSQL the recordings of earlier runs are still stored.
        String recordingSid = "RE" + UUID.randomUUID().toString().replace("-", "");
        String url = "https://api.twilio.com/2010-04-01/Accounts/AC" + "0".repeat(32) + "/Recordings/" + recordingSid;

        postSigned(callback(sid, "completed", 3)).then().statusCode(204);
        postSignedRecording(recording(sid, recordingSid, url)).then().statusCode(204);
        postSignedRecording(recording(sid, recordingSid, url)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedForCall(sid).size() == 1);
        WebhookReceiver.Received event = receiver.acceptedForCall(sid).get(0);
        assertThat(event.json().getString("type")).isEqualTo("call.recording");
        assertThat(event.json().getJsonObject("data").getMap()).containsEntry("recordingSid", recordingSid)
                .containsEntry("durationSeconds", 42).containsEntry("channels", 2).containsEntry("status", "completed");
        assertThat(event.body()).doesNotContain(url).doesNotContain("api.twilio.com");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.forCall(sid).size() == 1);
    }

    @Test
    void sendsOnlyTheEventsSubscribedTo() {
        WebhookReceiver receiver = receiver(0, 204);
        subscribe(receiver.url(), "[\"call.failed\"]");
        String sid = Calls.sid();

        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
        postSigned(callback(sid, "busy", 2)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedForCall(sid).size() == 1);
        WebhookReceiver.Received failed = receiver.acceptedForCall(sid).get(0);
        assertThat(failed.json().getString("type")).isEqualTo("call.failed");
        assertThat(failed.json().getJsonObject("data").getString("status")).isEqualTo("busy");
        assertThat(failed.json().getInteger("sequence")).isEqualTo(2);
    }

    @Test
    void goneDisablesTheSubscription() {
        WebhookReceiver receiver = receiver(0, 410);
        String id = subscribe(receiver.url(), "[\"*\"]")[0];
        String sid = Calls.sid();

        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().get("/api/webhooks/{id}", id)
                .then().body("active", is(false)));
        postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.forCall(sid).size() == 1);
        api().get("/api/webhooks/{id}/deliveries", id).then()
                .body("[0].statusCode", is(410), "[0].outcome", is("failed"));
    }

    @Test
    void marksADeliveryFailedWhenRetriesRunOut() {
        WebhookReceiver receiver = receiver(Integer.MAX_VALUE, 204);
        String id = subscribe(receiver.url(), "[\"call.ringing\"]")[0];
        String sid = Calls.sid();

        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api().get("/api/webhooks/{id}/deliveries", id)
                .then().body("[0].outcome", is("failed"), "[0].statusCode", is(500)));
        assertThat(receiver.forCall(sid).size()).isGreaterThan(2);
    }

    @Test
    void replaysACallsEventsInOrder() {
        WebhookReceiver receiver = receiver(0, 204);
        String id = subscribe(receiver.url(), "[\"*\"]")[0];
        String sid = Calls.sid();
        runCall(sid, "no-answer");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedForCall(sid).size() == 3);

        api().contentType(JSON).body("{\"callSid\": \"%s\"}".formatted(sid)).post("/api/webhooks/{id}/replay", id)
                .then().statusCode(202).body("events", is(3));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedForCall(sid).size() == 6);
        List<String> ids = receiver.acceptedForCall(sid).stream().map(r -> r.headers().get("webhook-id")).toList();
        assertThat(ids.subList(3, 6)).isEqualTo(ids.subList(0, 3));
    }

    @Test
    void refusesUrlsThatAreNotHttp() {
        for (String url : List.of("ftp://example.com/hook", "javascript:alert(1)", "/relative", "http://", "nope")) {
            api().contentType(JSON).body("{\"url\": \"%s\"}".formatted(url)).post("/api/webhooks")
                    .then().statusCode(422).body("code", is("webhook.invalid"), "field", is("url"));
        }
        api().contentType(JSON).body("{\"url\": \"https://example.com\", \"events\": [\"call.exploded\"]}")
                .post("/api/webhooks").then().statusCode(422).body("field", is("events"));
        api().contentType(JSON).body("{\"events\": [\"*\"]}").post("/api/webhooks").then().statusCode(400);
    }

    @Test
    void showsTheSecretOnlyOnCreation() {
        String[] created = subscribe("https://hooks.example.com/switchboard", "[\"call.completed\",\"call.failed\"]");

        assertThat(created[1]).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(created[1].substring(6))).hasSize(32);
        api().get("/api/webhooks").then().statusCode(200).body("id", hasItem(created[0]),
                "find { it.id == '%s' }.events".formatted(created[0]), is(List.of("call.completed", "call.failed")),
                "secret", not(hasItem(created[1])));
        api().get("/api/webhooks/{id}", created[0]).then().statusCode(200).body("secret", is((Object) null));
        api().delete("/api/webhooks/{id}", created[0]).then().statusCode(204);
        api().get("/api/webhooks/{id}", created[0]).then().statusCode(404).body("code", is("webhook.unknown"));
        io.restassured.RestAssured.get("/api/webhooks").then().statusCode(401);
    }

    private WebhookReceiver receiver(int failures, int status) {
        WebhookReceiver receiver = new WebhookReceiver(failures, status);
        receivers.add(receiver);
        return receiver;
    }

    /** Returns {id, secret}. */
    private String[] subscribe(String url, String events) {
        var body = api().contentType(JSON).body("{\"url\": \"%s\", \"events\": %s, \"description\": \"test\"}"
                .formatted(url, events)).post("/api/webhooks").then().statusCode(201).extract();
        String id = body.path("id");
        subscriptions.add(id);
        return new String[] {id, body.path("secret")};
    }

    /** switchboard_webhook_deliveries_total{outcome} from /q/metrics; fails when the series is not served. */
    private static double deliveries(String outcome) {
        String prefix = "switchboard_webhook_deliveries_total{outcome=\"" + outcome + "\"} ";
        String line = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix));
        return Double.parseDouble(line.substring(prefix.length()).trim());
    }

    private static void runCall(String sid, String end) {
        postSigned(callback(sid, "queued", 0)).then().statusCode(204);
        postSigned(callback(sid, "ringing", 1)).then().statusCode(204);
        if (end.equals("completed")) {
            postSigned(callback(sid, "in-progress", 2)).then().statusCode(204);
        }
        postSigned(callback(sid, end, 3)).then().statusCode(204);
    }

    private static String expectedSignature(String secret, WebhookReceiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
