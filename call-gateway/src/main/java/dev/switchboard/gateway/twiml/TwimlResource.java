package dev.switchboard.gateway.twiml;

import dev.switchboard.gateway.bridge.EarlySessions;
import dev.switchboard.gateway.bridge.TwimlAnswers;
import dev.switchboard.gateway.logs.CallMdc;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.session.CallContextLookup;
import dev.switchboard.gateway.bridge.CallAdmission;
import dev.switchboard.gateway.twilio.PublicUrls;
import dev.switchboard.gateway.twilio.StreamTokens;
import dev.switchboard.gateway.twilio.TwilioSignatures;
import dev.switchboard.gateway.tracing.CallTraces;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** Twilio's voice webhook: answers TwiML that connects the call's audio to {@code /call}. */
@Path("/twiml")
public class TwimlResource {

    /** Where Twilio goes when a call's stream ends without the call ending (resume.ResumeResource). */
    public static final String RESUME_PATH = "/twiml/resume";
    private static final MediaType XML = MediaType.valueOf("text/xml;charset=UTF-8");

    private final TwilioSignatures signatures;
    private final StreamTokens tokens;
    private final PublicUrls urls;
    private final CallAdmission admission;
    private final GatewayMetrics metrics;
    private final CallContextLookup contexts;
    private final EarlySessions early;
    private final TwimlAnswers answers;
    private final CallTraces traces;

    TwimlResource(TwilioSignatures signatures, StreamTokens tokens, PublicUrls urls, CallAdmission admission,
                  GatewayMetrics metrics, CallContextLookup contexts, EarlySessions early,
                  TwimlAnswers answers, CallTraces traces) {
        this.answers = answers;
        this.traces = traces;
        this.contexts = contexts;
        this.early = early;
        this.signatures = signatures;
        this.tokens = tokens;
        this.urls = urls;
        this.admission = admission;
        this.metrics = metrics;
    }

    @GET
    public RestResponse<String> get(@Context HttpServerRequest request) {
        Map<String, String> query = new HashMap<>();
        request.params().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
        // Twilio signs a GET's URL alone: its parameters are already in the query string.
        return answer(request, Map.of(), query);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<String> post(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        return answer(request, params, params);
    }

    private RestResponse<String> answer(HttpServerRequest request, Map<String, String> signed,
                                        Map<String, String> call) {
        try (CallMdc.Scope ignored = CallMdc.enter(call.get("CallSid"))) {
            return answerCall(request, signed, call);
        }
    }

    private RestResponse<String> answerCall(HttpServerRequest request, Map<String, String> signed,
                                            Map<String, String> call) {
        if (!signatures.validWebhook("/twiml", request.query(), signed, request.getHeader(TwilioSignatures.HEADER))) {
            Log.warn("/twiml refused: missing or invalid Twilio signature");
            metrics.callRefused("signature");
            return RestResponse.status(Response.Status.FORBIDDEN);
        }
        String callSid = call.get("CallSid");
        if (callSid == null || callSid.isBlank()) {
            return RestResponse.status(Response.Status.BAD_REQUEST);
        }
        if (admission.draining()) {
            // 503 rather than a spoken refusal: Twilio then requests the number's fallback URL (another instance).
            Log.info("/twiml refused with 503: this instance is draining");
            metrics.callRefused("draining");
            return RestResponse.status(Response.Status.SERVICE_UNAVAILABLE);
        }
        if (!admission.hasRoom()) {
            Log.warnf("/twiml at capacity (%d calls): answering with an apology", admission.active());
            metrics.callRefused("twiml");
            traces.twiml(callSid, request.getParam(CallTraces.PARAMETER), "busy");
            return RestResponse.ResponseBuilder.ok(TwimlDocuments.busy(), XML).build();
        }
        contexts.prefetch(callSid);
        // Twilio takes a moment to open the stream: the agent's session gets ready meanwhile (docs/operations.md).
        early.open(callSid, call.get("To"));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(StreamTokens.PARAMETER, tokens.issue(callSid));
        parameters.put("from", call.get("From"));
        parameters.put("to", call.get("To"));
        parameters.put("direction", call.get("Direction"));
        Log.debug("answering /twiml with a media stream");
        answers.answered(callSid);
        traces.twiml(callSid, request.getParam(CallTraces.PARAMETER), "stream");
        return RestResponse.ResponseBuilder.ok(TwimlDocuments.connectStream(urls.mediaStream(),
                        urls.http(RESUME_PATH, null), parameters), XML)
                .build();
    }
}
