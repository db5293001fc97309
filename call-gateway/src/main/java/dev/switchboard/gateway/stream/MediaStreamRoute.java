package dev.switchboard.gateway.stream;

import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.twilio.TwilioSignatures;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code WS /call}, Twilio's bidirectional media stream, on the plain Vert.x WebSocket: each call carries about 150
 * messages a second each way, so they go straight to the call's handlers on its event loop, without a per-message
 * reactive pipeline. The upgrade is refused before any WebSocket exists: 403 when unsigned, 503 when full or
 * draining (Twilio then plays the number's fallback).
 */
@ApplicationScoped
class MediaStreamRoute {

    static final String PATH = "/call";

    private final CallAdmission admission;
    private final TwilioSignatures signatures;
    private final GatewayMetrics metrics;
    private final CallStarts starts;

    MediaStreamRoute(CallAdmission admission, TwilioSignatures signatures, GatewayMetrics metrics, CallStarts starts) {
        this.admission = admission;
        this.signatures = signatures;
        this.metrics = metrics;
        this.starts = starts;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            routing.response().setStatusCode(426).putHeader("Upgrade", "websocket")
                    .end("a Twilio media stream: connect with a WebSocket");
            return;
        }
        if (!signatures.validHandshake(request.getHeader(TwilioSignatures.HEADER))) {
            Log.warn("media stream refused: missing or invalid Twilio signature on the handshake");
            metrics.callRefused("signature");
            routing.response().setStatusCode(403).end();
            return;
        }
        if (!admission.hasRoom()) {
            Log.warnf("media stream refused: at capacity (%d calls) or draining", admission.active());
            metrics.callRefused("upgrade");
            routing.response().setStatusCode(503).end();
            return;
        }
        request.toWebSocket().onSuccess(socket -> new MediaStream(socket, admission, starts, metrics)
                        .open(request.connection()))
                .onFailure(failure -> Log.warnf("media stream upgrade failed: %s", failure.getMessage()));
    }
}
