package dev.switchboard.gateway.resume;

import dev.switchboard.contract.link.CallConversation;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.bridge.EarlySessions;
import dev.switchboard.gateway.bridge.EndReason;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.session.CallContextLookup;
import dev.switchboard.gateway.twilio.PublicUrls;
import dev.switchboard.gateway.twilio.StreamTokens;
import dev.switchboard.gateway.twilio.TwilioSignatures;
import dev.switchboard.gateway.twiml.TwimlDocuments;
import dev.switchboard.gateway.twiml.TwimlResource;
import dev.switchboard.gateway.logs.CallMdc;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code <Connect action>} of every call: Twilio requests it when the call's stream ends without the call
 * ending (its instance died, or moved the call while draining). Signed like /twiml. The call resumes on a new
 * stream, unless control-api's record (or this instance's memory) says it must end: then {@code <Hangup/>}, or the
 * transfer's {@code <Dial>}. A call whose new streams keep failing ({@link ResumeAttempt}) is given
 * SWITCHBOARD_RESUME_ATTEMPTS of them, then ends with a spoken line rather than loop.
 */
@Path(TwimlResource.RESUME_PATH)
public class ResumeResource {

    private static final MediaType XML = MediaType.valueOf("text/xml;charset=UTF-8");

    private final TwilioSignatures signatures;
    private final StreamTokens tokens;
    private final PublicUrls urls;
    private final CallAdmission admission;
    private final GatewayMetrics metrics;
    private final CallContextLookup contexts;
    private final EarlySessions early;
    private final ConversationSource conversations;
    private final Resumptions resumptions;
    private final EndedCalls ended;
    private final CallEvents events;
    private final boolean sharedSecret;
    private final int maxAttempts;
    private final String endLine;

    ResumeResource(TwilioSignatures signatures, StreamTokens tokens, PublicUrls urls, CallAdmission admission,
                   GatewayMetrics metrics, CallContextLookup contexts, EarlySessions early,
                   ConversationSource conversations, Resumptions resumptions, EndedCalls ended,
                   CallEvents events, GatewayConfig config) {
        this.events = events;
        this.signatures = signatures;
        this.tokens = tokens;
        this.urls = urls;
        this.admission = admission;
        this.metrics = metrics;
        this.contexts = contexts;
        this.early = early;
        this.conversations = conversations;
        this.resumptions = resumptions;
        this.ended = ended;
        this.sharedSecret = config.twilio().streamSecret().filter(s -> !s.isBlank()).isPresent();
        this.maxAttempts = config.resume().attempts();
        this.endLine = config.resume().endLine();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> post(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        String callSid = params.get("CallSid");
        if (!signatures.validWebhook(TwimlResource.RESUME_PATH, request.query(), params,
                request.getHeader(TwilioSignatures.HEADER))) {
            CallMdc.run(callSid, () -> Log.warn("/twiml/resume refused: missing or invalid Twilio signature"));
            metrics.callRefused("signature");
            return Uni.createFrom().item(RestResponse.status(Response.Status.FORBIDDEN));
        }
        if (callSid == null || callSid.isBlank()) {
            return Uni.createFrom().item(RestResponse.status(Response.Status.BAD_REQUEST));
        }
        String endedHere = ended.reason(callSid);
        if (endedHere != null) {
            CallMdc.run(callSid, () -> Log.infof("/twiml/resume: this instance ended the call (%s), hanging up",
                    endedHere));
            return Uni.createFrom().item(xml(TwimlDocuments.hangup()));
        }
        ResumeAttempt attempt = ResumeAttempt.of(request.getParam(ResumeAttempt.ATTEMPT),
                request.getParam(ResumeAttempt.AT)).counted(System.currentTimeMillis());
        if (attempt.previousFailed()) {
            metrics.callResumed("failed");
        }
        warnIfNotShared(callSid);
        long requestedAt = System.nanoTime();
        return conversations.fetch(callSid).map(held -> answer(callSid, params, held, attempt, requestedAt));
    }

    private RestResponse<String> answer(String callSid, Map<String, String> call, Optional<CallConversation> held,
                                        ResumeAttempt attempt, long requestedAt) {
        CallConversation.Ending ending = held.map(CallConversation::ending).orElse(null);
        if (ending != null) {
            CallMdc.run(callSid, () -> Log.infof("/twiml/resume: the call must end (%s)", ending.reason()));
            return xml(ending.transferTarget() != null ? TwimlDocuments.dial(ending.transferTarget())
                    : TwimlDocuments.hangup());
        }
        if (attempt.number() > maxAttempts) {
            // Each new stream failed soon after its answer: a spoken end beats a loop of dead air (docs/faults.md).
            CallMdc.run(callSid, () -> Log.warnf("/twiml/resume: %d new streams failed in a row, ending the call "
                    + "with the end line", maxAttempts));
            metrics.callResumed("ended");
            // No bridge holds the call here: its history learns why it ended from this event alone.
            events.publish(LinkType.CALL_ENDED, callSid, Map.of("reason", EndReason.RESUME_FAILED.tag));
            return xml(TwimlDocuments.sayAndHangUp(endLine));
        }
        resumptions.add(new Resumption(callSid, held.orElse(null), requestedAt));
        contexts.prefetch(callSid);
        // The new stream goes through the balancer: a draining or full instance may not be the one it reaches.
        if (admission.hasRoom()) {
            early.open(callSid, call.get("To"));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(StreamTokens.PARAMETER, tokens.issue(callSid));
        parameters.put(Resumption.PARAMETER, Resumption.PARAMETER_VALUE);
        parameters.put("from", call.get("From"));
        parameters.put("to", call.get("To"));
        parameters.put("direction", call.get("Direction"));
        long now = System.currentTimeMillis();
        int pause = attempt.cameBackQuickly(now) ? 1 : 0;
        CallMdc.run(callSid, () -> Log.infof("/twiml/resume: resuming on a new media stream, attempt %d of %d%s (%s)",
                attempt.number(), maxAttempts, pause > 0 ? " after a 1 s pause" : "",
                held.isPresent() ? held.get().items().size() + " conversation item(s) from control-api"
                        : "control-api unreachable: no conversation"));
        return xml(TwimlDocuments.connectStream(urls.mediaStream(),
                urls.http(TwimlResource.RESUME_PATH, attempt.nextQuery(now)), parameters, pause));
    }

    /** Without a shared secret the new stream is refused by any instance but this one. */
    private void warnIfNotShared(String callSid) {
        if (!sharedSecret && !tokens.answeredHere(callSid)) {
            CallMdc.run(callSid, () -> Log.warn("resuming a call this instance did not answer, but "
                    + "SWITCHBOARD_STREAM_SECRET is not set: another instance will refuse the new stream unless every "
                    + "instance shares the same SWITCHBOARD_STREAM_SECRET (docs/faults.md)"));
        }
    }

    private static RestResponse<String> xml(String twiml) {
        return RestResponse.ResponseBuilder.ok(twiml, XML).build();
    }
}
