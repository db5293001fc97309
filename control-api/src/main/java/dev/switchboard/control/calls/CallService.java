package dev.switchboard.control.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.config.ProfileException;
import dev.switchboard.control.config.ProfileService;
import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.CallDetail;
import dev.switchboard.control.history.CallFilter;
import dev.switchboard.control.history.CallHistory;
import dev.switchboard.control.history.CallPage;
import dev.switchboard.control.history.CallStatus;
import dev.switchboard.control.history.CallStore;
import dev.switchboard.control.history.RecordingStore;
import dev.switchboard.control.logs.CallMdc;
import dev.switchboard.control.suppressions.Suppressions;
import dev.switchboard.control.tracing.CallTraces;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;

/** Places, lists and ends calls; every change is committed before the method returns. */
@ApplicationScoped
public class CallService {

    // Caller ID used by the local dialer when no TWILIO_FROM_NUMBER is set; it never reaches a carrier.
    static final String LOCAL_FROM = "+15550100000";
    /** Where Twilio posts recording status reports (twilio.RecordingCallbackResource). */
    static final String RECORDING_CALLBACK = "/twilio/recording";
    /** Where Twilio posts asynchronous answering-machine detection results (twilio.AmdCallbackResource). */
    static final String AMD_CALLBACK = "/twilio/amd";

    private final CallDialers dialers;
    private final CallStore calls;
    private final CallHistory history;
    private final ControlConfig config;
    private final ObjectMapper json;
    private final ProfileService profiles;
    private final RecordingStore recordings;
    private final Suppressions suppressions;
    private final CallTraces traces;

    CallService(CallDialers dialers, CallStore calls, CallHistory history, ControlConfig config, ObjectMapper json,
                ProfileService profiles, RecordingStore recordings, Suppressions suppressions, CallTraces traces) {
        this.suppressions = suppressions;
        this.traces = traces;
        this.profiles = profiles;
        this.recordings = recordings;
        this.dialers = dialers;
        this.calls = calls;
        this.history = history;
        this.config = config;
        this.json = json;
    }

    public PlacedCall place(PlaceCallRequest request) {
        checkVariables(request);
        CallContext.Amd amd = request.amd() == null ? null : request.amd().plan();
        String profileName = request.profile() == null ? AgentConfig.DEFAULT_PROFILE : request.profile();
        AgentConfig profile = profiles.find(profileName).orElseThrow(() -> ProfileException.unknownForCall(profileName));
        CallDialer dialer = dialers.current();
        Span dialing = traces.dialing(profileName);
        // The call's trace starts here; Twilio hands it back inside the signed /twiml and status URLs.
        DialRequest dial = new DialRequest(request.to(), from(request),
                CallTraces.withTrace(resolve(config.gatewayPublicUrl(), "/twiml"), dialing),
                CallTraces.withTrace(resolve(config.publicUrl(), "/twilio/status"), dialing),
                request.machineDetection() != null ? request.machineDetection() : config.calls().machineDetection(),
                request.record() != null ? request.record() : config.calls().record(),
                resolve(config.publicUrl(), RECORDING_CALLBACK),
                amd == null ? null : CallTraces.withTrace(resolve(config.publicUrl(), AMD_CALLBACK), dialing));
        DialedCall dialed;
        try {
            // Last check before the dial, inside the idempotent run: a refusal stores nothing under the key, so a
            // retry checks again; only a call really placed is replayed (docs/api.md, Suppressions).
            suppressions.refuseSuppressed(request.to());
            dialed = dialer.dial(dial);
        } catch (RuntimeException e) {
            traces.dialed(dialing, null, profileName);
            throw e;
        }
        traces.dialed(dialing, dialed.sid(), profileName);
        calls.recordDialed(dialed.sid(), dialed.status(), dial.from(), dial.to(), request.instructions(), write(request),
                Instant.now());
        calls.profile(dialed.sid(), profileName, profile.version());
        if (amd != null) {
            calls.amdPlan(dialed.sid(), amd.mode(), amd.message());
        }
        if (dial.record()) {
            recordings.markRecorded(dialed.sid());
        }
        return PlacedCall.of(history.view(dialed.sid()).orElseThrow(() -> new CallNotFoundException(dialed.sid())),
                dialers.local());
    }

    public CallPage page(CallFilter filter, int page, int size) {
        return history.page(filter, page, size);
    }

    public CallDetail find(String sid) {
        return history.find(sid).orElseThrow(() -> new CallNotFoundException(sid));
    }

    public CallContext context(String sid) {
        return history.context(sid).orElseThrow(() -> new CallNotFoundException(sid));
    }

    /** Asks the carrier to end a live call; its status then arrives through the usual callbacks. */
    public void hangUp(String sid) {
        String status = calls.status(sid).orElseThrow(() -> new CallNotFoundException(sid));
        if (CallStatus.terminal(status)) {
            throw new CallAlreadyEndedException(sid, status);
        }
        dialers.current().hangUp(sid);
        CallMdc.run(sid, () -> Log.info("hang-up requested"));
    }

    /** Presses keys in a live call (local dialer only; see {@link DtmfUnsupportedException}). */
    public void sendDigits(String sid, String digits) {
        String status = calls.status(sid).orElseThrow(() -> new CallNotFoundException(sid));
        if (CallStatus.terminal(status)) {
            throw new CallAlreadyEndedException(sid, status);
        }
        dialers.current().sendDigits(sid, digits);
        CallMdc.run(sid, () -> Log.infof("%d DTMF key(s) sent", digits.length()));
    }

    // The gateway reads variables as name → text, so only scalar values are accepted.
    private static void checkVariables(PlaceCallRequest request) {
        if (request.variables() == null) {
            return;
        }
        request.variables().forEach((name, value) -> {
            if (name.isBlank() || name.length() > 64) {
                throw new InvalidInputException("variables", "names must be 1-64 characters");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new InvalidInputException("variables." + name, "must be a string, number or boolean");
            }
        });
    }

    private String from(PlaceCallRequest request) {
        if (request.from() != null) {
            return request.from();
        }
        return config.twilio().fromNumber().orElseGet(() -> {
            if (dialers.local()) {
                return LOCAL_FROM;
            }
            throw new InvalidInputException("from", "is required when TWILIO_FROM_NUMBER is not set");
        });
    }

    private String write(PlaceCallRequest request) {
        if (request.variables() == null) {
            return null;
        }
        try {
            return json.writeValueAsString(request.variables());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("variables cannot be stored", e);
        }
    }

    private static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
