package dev.switchboard.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.Map;

/** Runs {@link FakeRealtime} on a random port and points the gateway at it. */
public class FakeRealtimeServer implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private final FakeRealtime fake = new FakeRealtime();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        fake.vertx = vertx;
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketFrameSize(1 << 20)
                        .setMaxWebSocketMessageSize(1 << 24))
                .webSocketHandler(fake::accept)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        return Map.of("gateway.openai.url", "ws://127.0.0.1:" + server.actualPort() + "/v1/realtime",
                "gateway.openai.model", "gpt-realtime", "gateway.openai.api-key", "test-openai-key",
                "gateway.openai.mode", "openai");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeRealtime.class,
                FakeRealtime.class));
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
