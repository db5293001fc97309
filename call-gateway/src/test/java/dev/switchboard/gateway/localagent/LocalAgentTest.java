package dev.switchboard.gateway.localagent;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class LocalAgentTest {

    @Inject
    LocalAgent agent;

    @Inject
    Vertx vertx;

    @Test
    void withoutAnOpenAiKeyTheRealtimeTargetIsTheRunningLocalAgent() throws Exception {
        RealtimeTarget target = agent.target();
        assertThat(target.local()).isTrue();
        assertThat(target.apiKey()).isEmpty();
        assertThat(target.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(target.uri().getPath()).isEqualTo("/local-realtime");

        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.uri().getHost())
                .setPort(target.uri().getPort()).setURI(target.uri().getRawPath() + "?" + target.uri().getRawQuery());
        // The handler is in place before the socket connects, so the first message cannot slip past it.
        ClientWebSocket socket = vertx.createWebSocketClient().webSocket();
        socket.textMessageHandler(first::complete);
        socket.connect(options).onFailure(first::completeExceptionally);
        JsonObject created = new JsonObject(first.get(5, TimeUnit.SECONDS));
        assertThat(created.getString("type")).isEqualTo("session.created");
        assertThat(created.getJsonObject("session").getJsonObject("audio").getJsonObject("output")
                .getJsonObject("format").getString("type")).isEqualTo("audio/pcmu");
    }
}
