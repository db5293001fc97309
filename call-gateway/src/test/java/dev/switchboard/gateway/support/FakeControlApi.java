package dev.switchboard.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.Map;

/** Runs {@link FakeControl} on a random port, points the gateway's link and REST client at it. */
public class FakeControlApi implements QuarkusTestResourceLifecycleManager {

    private final Vertx vertx = Vertx.vertx();
    private final FakeControl fake = new FakeControl();

    @Override
    public Map<String, String> start() {
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(fake::accept)
                .requestHandler(fake::answer)
                .listen(0).toCompletionStage().toCompletableFuture().join();
        return Map.of(
                "gateway.control.url", "http://localhost:" + server.actualPort(),
                "gateway.control.internal-token", FakeControl.TOKEN,
                "gateway.control.queue-size", "20",
                "gateway.control.reconnect-min", "20ms",
                "gateway.control.reconnect-max", "200ms",
                "gateway.control.ack-timeout", "1s",
                "gateway.control.context-timeout", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeControl.class,
                FakeControl.class));
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
