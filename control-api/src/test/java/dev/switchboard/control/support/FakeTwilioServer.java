package dev.switchboard.control.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.Map;

/** Starts {@link FakeTwilio} on a random local port and points TWILIO_API_BASE_URL (and credentials) at it. */
public class FakeTwilioServer implements QuarkusTestResourceLifecycleManager {

    private final FakeTwilio fake = new FakeTwilio();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(fake::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        return Map.of(
                "control.twilio.api-base-url", "http://127.0.0.1:" + server.actualPort(),
                "control.twilio.account-sid", FakeTwilio.ACCOUNT_SID,
                "control.twilio.auth-token", FakeTwilio.AUTH_TOKEN,
                "control.twilio.from-number", FakeTwilio.FROM);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeTwilio.class,
                FakeTwilio.class));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
