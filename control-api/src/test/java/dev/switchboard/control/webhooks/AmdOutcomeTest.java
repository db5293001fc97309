package dev.switchboard.control.webhooks;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import dev.switchboard.control.support.TwilioCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.TwilioCallbacks.amd;
import static dev.switchboard.control.support.TwilioCallbacks.callback;
import static dev.switchboard.control.support.TwilioCallbacks.postSigned;
import static dev.switchboard.control.support.TwilioCallbacks.postSignedAmd;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The gateway's call.amd: stored on the call, shown live, and sent to subscribers as call.amd. */
@QuarkusTest
class AmdOutcomeTest extends SocketTest {

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> api().delete("/api/webhooks/{id}", id));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aMachineAnsweredCallIsRecordedShownAndSentToSubscribersOnce() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(0, 204);
        receivers.add(receiver);
        subscribe(receiver.url(), "[\"call.amd\", \"call.completed\"]");
        String to = Calls.uniqueNumber();
        String sid = api().header("X-Forwarded-For", TwilioCallbacks.AMD_CLIENT).contentType(JSON).body("""
                {"to": "%s", "amd": {"mode": "message", "message": "Please call us back."}}""".formatted(to))
                .post("/api/calls").then().statusCode(201).extract().path("sid");
        String boot = UUID.randomUUID().toString();
        try (TestSocket gateway = gateway(); TestSocket logs = logs("/logs?callSid=" + sid)) {
            gateway.next();
            gateway.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", "gw-" + boot)
                    .put("bootId", boot)));
            gateway.send(TestSocket.event("call.started", sid, new JsonObject().put("direction", "outbound-api"))
                    .put("seq", 1));
            postSignedAmd(amd(sid, "machine_end_beep")).then().statusCode(204);
            JsonObject amd = new JsonObject().put("answeredBy", "machine_end_beep").put("action", "message")
                    .put("timedOut", false);
            gateway.send(TestSocket.event("call.amd", sid, amd).put("seq", 2));
            // Sent again after a link drop, and a second report that is not the first: neither counts again.
            gateway.send(TestSocket.event("call.amd", sid, amd).put("seq", 2));
            gateway.send(TestSocket.event("call.amd", sid, amd.copy().put("action", "agent")).put("seq", 3));

            JsonObject shown = next(logs, "call.amd");
            assertThat(shown.getJsonObject("data").getString("action")).isEqualTo("message");
            await().untilAsserted(() -> api().get("/api/calls/{sid}", sid).then()
                    .body("answeredBy", is("machine_end_beep"), "amdAction", is("message")));
            gateway.send(TestSocket.event("call.ended", sid, new JsonObject().put("reason", "amd")).put("seq", 4));
            postSigned(callback(sid, "completed", 9)).then().statusCode(204);

            await().atMost(Duration.ofSeconds(15)).until(() -> types(receiver, sid).contains("call.completed"));
        }
        assertThat(types(receiver, sid)).containsExactly("call.amd", "call.completed");
        assertThat(data(receiver, sid, "call.amd").getMap()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("answeredBy", "machine_end_beep", "action", "message", "timedOut", false));
        assertThat(data(receiver, sid, "call.completed").getString("answeredBy")).isEqualTo("machine_end_beep");
        api().queryParam("number", to).get("/api/calls").then().statusCode(200)
                .body("items[0].sid", is(sid), "items[0].answeredBy", is("machine_end_beep"),
                        "items[0].amdAction", is("message"));
    }

    @Test
    void aTimedOutDetectionIsRecordedWithoutAnAnswer() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(0, 204);
        receivers.add(receiver);
        subscribe(receiver.url(), "[\"call.amd\"]");
        String sid = Calls.sid();
        try (TestSocket gateway = gateway()) {
            gateway.next();
            gateway.send(TestSocket.event("call.started", sid, new JsonObject().put("direction", "outbound-api")));
            gateway.send(TestSocket.event("call.amd", sid, new JsonObject().putNull("answeredBy")
                    .put("action", "agent").put("timedOut", true)));
            await().atMost(Duration.ofSeconds(10)).until(() -> types(receiver, sid).contains("call.amd"));
        }
        JsonObject data = data(receiver, sid, "call.amd");
        assertThat(data.containsKey("answeredBy")).isFalse();
        assertThat(data.getString("action")).isEqualTo("agent");
        assertThat(data.getBoolean("timedOut")).isTrue();
        api().get("/api/calls/{sid}", sid).then().body("answeredBy", nullValue(), "amdAction", is("agent"));
    }

    @Test
    void subscriptionsMayAskForCallAmdAlone() {
        subscribe("https://hooks.example.com/amd", "[\"call.amd\"]");
    }

    private static JsonObject next(TestSocket logs, String type) throws InterruptedException {
        while (true) {
            JsonObject frame = logs.next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    private void subscribe(String url, String events) {
        subscriptions.add(api().contentType(JSON).body("{\"url\": \"%s\", \"events\": %s}".formatted(url, events))
                .post("/api/webhooks").then().statusCode(201).extract().path("id"));
    }

    private static List<String> types(WebhookReceiver receiver, String sid) {
        Set<String> seen = new HashSet<>();
        return receiver.acceptedForCall(sid).stream().filter(r -> seen.add(r.headers().get("webhook-id")))
                .map(r -> r.json().getString("type")).toList();
    }

    private static JsonObject data(WebhookReceiver receiver, String sid, String type) {
        return receiver.acceptedForCall(sid).stream().filter(r -> type.equals(r.json().getString("type")))
                .findFirst().orElseThrow().json().getJsonObject("data");
    }
}
