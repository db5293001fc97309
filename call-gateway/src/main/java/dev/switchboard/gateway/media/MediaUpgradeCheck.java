package dev.switchboard.gateway.media;

import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.twilio.TwilioSignatures;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses a media-stream upgrade before any WebSocket exists: 503 when full or draining, 403 when unsigned. */
@ApplicationScoped
public class MediaUpgradeCheck implements HttpUpgradeCheck {

    private final CallAdmission admission;
    private final TwilioSignatures signatures;
    private final GatewayMetrics metrics;

    MediaUpgradeCheck(CallAdmission admission, TwilioSignatures signatures, GatewayMetrics metrics) {
        this.admission = admission;
        this.signatures = signatures;
        this.metrics = metrics;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!signatures.validHandshake(context.httpRequest().getHeader(TwilioSignatures.HEADER))) {
            Log.warn("[call=-] media stream refused: missing or invalid Twilio signature on the handshake");
            metrics.callRefused("signature");
            return CheckResult.rejectUpgrade(403);
        }
        if (!admission.hasRoom()) {
            Log.warnf("[call=-] media stream refused: at capacity (%d calls) or draining", admission.active());
            metrics.callRefused("upgrade");
            return CheckResult.rejectUpgrade(503);
        }
        return CheckResult.permitUpgrade();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return TwilioMediaSocket.ID.equals(endpointId);
    }
}
