package dev.switchboard.control.suppressions;

import dev.switchboard.control.support.Calls;
import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class DoNotCallLinkTest extends SocketTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Test
    void callSuppressOfAnInboundCallSuppressesTheCaller() throws Exception {
        String call = Calls.sid();
        String caller = Calls.uniqueNumber();
        try (TestSocket gateway = linked()) {
            gateway.send(numbered("call.started", call, new JsonObject().put("direction", "inbound")
                    .put("from", caller).put("to", "+15005550006"), 1));
            gateway.send(numbered("call.suppress", call, new JsonObject().put("reason", "stop calling me"), 2));
            awaitAck(gateway, 2);
        }

        api().get("/api/suppressions/{n}", caller).then().statusCode(200)
                .body("source", is("tool"), "callSid", is(call), "reason", is("stop calling me"));
        api().get("/api/suppressions/{n}", "+15005550006").then().statusCode(404);
    }

    @Test
    void callSuppressOfAnOutboundCallSuppressesTheCalleeAndTheNextDialIsRefused() throws Exception {
        String callee = Calls.uniqueNumber();
        String call = Calls.place(callee);
        try (TestSocket gateway = linked()) {
            gateway.send(numbered("call.started", call, new JsonObject().put("direction", "outbound-api")
                    .put("from", FakeTwilio.FROM).put("to", callee), 1));
            gateway.send(numbered("call.suppress", call, new JsonObject().put("reason", "do not call"), 2));
            awaitAck(gateway, 2);
        }
        int before = twilio.received().size();

        api().get("/api/suppressions/{n}", callee).then().statusCode(200).body("source", is("tool"));
        api().contentType(JSON).body("{\"to\": \"%s\"}".formatted(callee)).post("/api/calls").then().statusCode(403)
                .body("code", is("number_suppressed"));
        assertThat(twilio.received()).hasSize(before);
    }

    @Test
    void callSuppressSentAgainAfterALinkDropIsHarmless() throws Exception {
        String call = Calls.sid();
        String caller = Calls.uniqueNumber();
        String boot = UUID.randomUUID().toString();
        try (TestSocket gateway = linked(boot)) {
            gateway.send(numbered("call.started", call, new JsonObject().put("direction", "inbound")
                    .put("from", caller).put("to", "+15005550006"), 1));
            gateway.send(numbered("call.suppress", call, new JsonObject(), 2));
            awaitAck(gateway, 2);
        }
        api().delete("/api/suppressions/{n}", caller).then().statusCode(204);
        try (TestSocket again = linked(boot)) {
            again.send(numbered("call.suppress", call, new JsonObject(), 2));
            again.send(numbered("call.suppress", call, new JsonObject(), 3));
            awaitAck(again, 3);
        }
        // The replayed seq 2 was already stored: only the new seq 3 counts, and the number is back on the list.
        api().get("/api/suppressions/{n}", caller).then().statusCode(200).body("reason", is((String) null));
    }

    private TestSocket linked() throws InterruptedException {
        return linked(UUID.randomUUID().toString());
    }

    private TestSocket linked(String boot) throws InterruptedException {
        TestSocket gateway = gateway();
        assertThat(gateway.next().getString("type")).isEqualTo("config.snapshot");
        gateway.send(TestSocket.event("gateway.hello", null, new JsonObject().put("instanceId", "gw-" + boot)
                .put("bootId", boot).put("capacity", 10)));
        assertThat(gateway.next().getString("type")).isEqualTo("link.ack");
        return gateway;
    }

    private static void awaitAck(TestSocket gateway, long seq) throws InterruptedException {
        while (true) {
            JsonObject frame = gateway.next();
            if ("link.ack".equals(frame.getString("type")) && frame.getJsonObject("data").getLong("seq") >= seq) {
                return;
            }
        }
    }

    private static JsonObject numbered(String type, String call, JsonObject data, long seq) {
        return TestSocket.event(type, call, data).put("seq", seq);
    }
}
