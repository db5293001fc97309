package dev.switchboard.control.localdial;

import dev.switchboard.contract.twilio.TwilioSignature;
import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.CallDialer;
import dev.switchboard.control.calls.CallNotLiveException;
import dev.switchboard.control.calls.DialFailedException;
import dev.switchboard.control.calls.DialRequest;
import dev.switchboard.control.calls.DialedCall;
import dev.switchboard.control.calls.LocalDialer;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places calls without a Twilio account by playing Twilio's part exactly, as a real client of the gateway and of
 * control-api's own status webhook (see {@link LocalCall}). The response is immediate, as Twilio's is.
 */
@ApplicationScoped
@LocalDialer
public class LocalCallDialer implements CallDialer {

    /** Twilio error code for a call that does not exist. */
    private static final int NOT_FOUND = 20404;
    /** A number in Twilio's reserved test range, used when no caller ID is configured. */
    private static final String LOCAL_FROM = "+15005550006";

    private final ControlConfig config;
    private final Vertx vertx;
    private final TwilioForms forms;
    private final LocalRecordings recordings;
    private final String accountSid;
    private final List<byte[]> lines = CallerClips.turns();
    private final Map<String, LocalCall> live = new ConcurrentHashMap<>();

    LocalCallDialer(ControlConfig config, Vertx vertx, LocalRecordings recordings) {
        this.config = config;
        this.recordings = recordings;
        this.vertx = vertx;
        this.forms = new TwilioForms(config.twilio().authToken().map(TwilioSignature::new));
        this.accountSid = config.twilio().accountSid().orElseGet(() -> Sids.next("AC"));
    }

    @Override
    public DialedCall dial(DialRequest request) {
        String callSid = Sids.next("CA");
        DialRequest withFrom = request.from() == null ? new DialRequest(request.to(), LOCAL_FROM,
                request.twimlUrl(), request.statusCallbackUrl(), request.machineDetection(), request.record(),
                request.recordingCallbackUrl(), request.amdCallbackUrl()) : request;
        LocalCall call = new LocalCall(callSid, accountSid, withFrom, config.localDial(), forms, vertx, lines,
                recordings);
        live.put(callSid, call);
        Thread.ofVirtual().name("local-call-" + callSid).start(() -> {
            try {
                call.run();
            } finally {
                live.remove(callSid);
            }
        });
        CallMdc.run(callSid, () -> Log.info("placing a local call (no Twilio account configured)"));
        return new DialedCall(callSid, "queued");
    }

    @Override
    public void hangUp(String callSid) {
        LocalCall call = live.get(callSid);
        if (call == null) {
            throw new DialFailedException(NOT_FOUND, null);
        }
        call.hangUp();
    }

    @Override
    public void transfer(String callSid, String target) {
        LocalCall call = live.get(callSid);
        if (call == null) {
            throw new DialFailedException(NOT_FOUND, null);
        }
        call.transfer(target);
    }

    @Override
    public void sendDigits(String callSid, String digits) {
        LocalCall call = live.get(callSid);
        if (call == null || !call.pressKeys(digits)) {
            throw new CallNotLiveException(callSid);
        }
    }

    @Override
    public boolean holds(String callSid) {
        return callSid != null && live.containsKey(callSid);
    }

    /** Calls still in progress; for tests and shutdown checks. */
    public int liveCalls() {
        return live.size();
    }
}
