package dev.switchboard.control.localdial;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** The server end of a Media Stream for tests: records what the client sends and lets the test answer. */
final class FakeTwilioStreamServer {

    final LinkedBlockingDeque<JsonObject> received = new LinkedBlockingDeque<>();
    final CompletableFuture<ServerWebSocket> socket = new CompletableFuture<>();
    volatile String signature;
    final int port;

    FakeTwilioStreamServer(Vertx vertx) {
        port = vertx.createHttpServer().webSocketHandler(ws -> {
            signature = ws.headers().get("X-Twilio-Signature");
            ws.textMessageHandler(text -> received.add(new JsonObject(text)));
            socket.complete(ws);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    JsonObject next(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonObject message = received.poll(50, TimeUnit.MILLISECONDS);
            if (message != null && event.equals(message.getString("event"))) {
                return message;
            }
        }
        throw new AssertionError("no " + event + " within 5 s");
    }

    void send(JsonObject message) throws Exception {
        socket.get(5, TimeUnit.SECONDS).writeTextMessage(message.encode());
    }
}
