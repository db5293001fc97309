package dev.switchboard.control.localdial;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.DialRequest;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One local call, played as Twilio plays an outbound call: status callbacks (initiated, ringing, in-progress,
 * completed), the signed {@code /twiml} webhook, then the Media Stream the TwiML names, where a local caller says its
 * lines in turn and waits for the agent to finish speaking before each. A transfer stops the stream and keeps the call
 * in progress a while, as a {@code <Dial>} would. Runs on its own virtual thread.
 */
final class LocalCall {

    private static final long POLL_MS = 20;
    /** If the agent does not speak first, the caller starts after this much silence (generous: a busy machine). */
    private static final long NO_GREETING_MS = 10_000;
    /** {@code RecordingSource} of the local dialer's recording callbacks (Twilio's own name, e.g. OutboundAPI). */
    static final String LOCAL_SOURCE = "LocalDialer";

    private final String callSid;
    private final String accountSid;
    private final DialRequest request;
    private final ControlConfig.LocalDial settings;
    private final TwilioForms forms;
    private final Vertx vertx;
    private final List<byte[]> lines;
    private final LocalRecordings recordings;
    private final DualChannelRecorder recorder;
    private int sequence;
    private long answeredAtNanos;
    private volatile TwilioMediaClient stream;
    private volatile boolean streaming;
    private volatile boolean hungUp;
    private volatile String transferredTo;
    private volatile long agentAudioBytes;

    LocalCall(String callSid, String accountSid, DialRequest request, ControlConfig.LocalDial settings,
              TwilioForms forms, Vertx vertx, List<byte[]> lines) {
        this(callSid, accountSid, request, settings, forms, vertx, lines, null);
    }

    /** With {@code recordings}, a call placed with {@code record} is recorded there, as Twilio records it. */
    LocalCall(String callSid, String accountSid, DialRequest request, ControlConfig.LocalDial settings,
              TwilioForms forms, Vertx vertx, List<byte[]> lines, LocalRecordings recordings) {
        this.recordings = recordings;
        this.recorder = recordings != null && request.record() ? new DualChannelRecorder() : null;
        this.callSid = callSid;
        this.accountSid = accountSid;
        this.request = request;
        this.settings = settings;
        this.forms = forms;
        this.vertx = vertx;
        this.lines = lines;
    }

    void run() {
        try {
            status("initiated");
            status("ringing");
            Thread.sleep(settings.ringTime().toMillis());
            if (hungUp) {
                status("canceled");
                return;
            }
            answeredAtNanos = System.nanoTime();
            status("in-progress");
            Optional<TwimlStream> twiml = fetchTwiml();
            if (twiml.isPresent()) {
                converse(twiml.get());
            }
            if (transferredTo != null) {
                bridged();
            }
            status("completed");
            recorded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            CallMdc.run(callSid, () -> Log.warnf("local call failed: %s", e.getMessage()));
            statusQuietly("failed");
        }
    }

    /** Hangs up as the callee would: Twilio then stops the stream and reports the call completed. */
    void hangUp() {
        hungUp = true;
        TwilioMediaClient current = stream;
        if (current != null) {
            current.stop();
        }
    }

    /**
     * Redirects the call as Twilio does on a {@code <Dial>} update: the media stream gets {@code stop} and closes,
     * and the call stays in progress, bridged to the target, until that leg ends.
     */
    void transfer(String target) {
        transferredTo = target;
        TwilioMediaClient current = stream;
        if (current != null) {
            current.stop();
        }
    }

    // Nothing is dialled locally: the imaginary target answers, talks for transfer-hold, and hangs up.
    private void bridged() throws InterruptedException {
        String target = transferredTo;
        CallMdc.run(callSid, () -> Log.infof("local dialer: Twilio would now dial …%s; the call completes in %d ms",
                target.substring(Math.max(0, target.length() - 4)), settings.transferHold().toMillis()));
        long until = System.nanoTime() + settings.transferHold().toNanos();
        while (!hungUp && System.nanoTime() < until) {
            Thread.sleep(POLL_MS);
        }
    }

    /** Presses keys on the open stream, paced by the dtmf gap; false when no stream is open. */
    boolean pressKeys(String digits) {
        TwilioMediaClient current = stream;
        if (hungUp || !streaming || current == null || current.closed().isComplete()) {
            return false;
        }
        current.pressKeys(digits, settings.dtmfGap().toMillis());
        return true;
    }

    private Optional<TwimlStream> fetchTwiml() throws Exception {
        HttpResponse<String> response = forms.post(request.twimlUrl(), callParams("in-progress"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/twiml answered HTTP " + response.statusCode());
        }
        Optional<TwimlStream> stream = TwimlStream.parse(response.body());
        if (stream.isEmpty()) {
            CallMdc.run(callSid, () -> Log.info("TwiML has no <Connect><Stream>; the call ends"));
        }
        return stream;
    }

    private void converse(TwimlStream twiml) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        forms.signature(twiml.url(), Map.of()).ifPresent(sig -> headers.put("X-Twilio-Signature", sig));
        TwilioMediaClient client = new TwilioMediaClient(vertx, new MediaStreamOptions(twiml.url(), headers,
                accountSid, callSid, twiml.parameters()), new MediaListener() {
            @Override
            public void media(String payload) {
                agentAudioBytes += payload.length();
                if (recorder != null) {
                    recorder.agent(Base64.getDecoder().decode(payload));
                }
            }

            @Override
            public void sent(byte[] frame) {
                if (recorder != null) {
                    recorder.caller(frame);
                }
            }

            @Override
            public void cleared() {
                if (recorder != null) {
                    recorder.cleared();
                }
            }
        });
        stream = client;
        client.connect().toCompletionStage().toCompletableFuture().get();
        streaming = true;
        long deadline = answeredAtNanos + settings.maxCallLength().toNanos();
        boolean first = true;
        for (byte[] line : lines) {
            if (!waitForAgent(client, first, deadline)) {
                break;
            }
            client.play(line);
            first = false;
        }
        while (!closed(client) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS);
        }
        client.stop().toCompletionStage().toCompletableFuture().get();
    }

    /** Waits until the agent has spoken and its audio has finished playing; false when the call ended meanwhile. */
    private boolean waitForAgent(TwilioMediaClient client, boolean first, long deadline) throws InterruptedException {
        long heardBefore = agentAudioBytes;
        long startedNanos = System.nanoTime();
        while (!closed(client) && System.nanoTime() < deadline) {
            boolean agentSpoke = agentAudioBytes > heardBefore;
            boolean silentLongEnough = client.playbackIdleMs() >= settings.turnGap().toMillis();
            boolean nobodySpeaks = first && !agentSpoke
                    && Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() >= NO_GREETING_MS;
            if (!client.speaking() && ((agentSpoke && silentLongEnough) || nobodySpeaks)) {
                return true;
            }
            Thread.sleep(POLL_MS);
        }
        return false;
    }

    private boolean closed(TwilioMediaClient client) {
        return hungUp || transferredTo != null || client.closed().isComplete();
    }

    private void status(String callStatus) throws Exception {
        Map<String, String> params = callParams(callStatus);
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", Integer.toString(sequence++));
        params.put("Timestamp", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if ("completed".equals(callStatus)) {
            long seconds = answeredAtNanos == 0 ? 0 : Duration.ofNanos(System.nanoTime() - answeredAtNanos).toSeconds();
            params.put("CallDuration", Long.toString(seconds));
            params.put("Duration", Long.toString((seconds + 59) / 60));
        }
        URI callback = request.statusCallbackUrl();
        int code = forms.post(callback, params).statusCode();
        if (code / 100 != 2) {
            CallMdc.run(callSid, () -> Log.warnf("status callback %s answered HTTP %d", callStatus, code));
        }
    }

    /**
     * Saves the recording and reports it as Twilio's recording status callback does, once the call has ended; the
     * report names the local dialer as its source, so control-api serves the file itself.
     */
    private void recorded() throws Exception {
        if (recorder == null || request.recordingCallbackUrl() == null) {
            return;
        }
        String recordingSid = Sids.next("RE");
        int samples = recordings.save(recordingSid, recorder);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("CallSid", callSid);
        params.put("RecordingSid", recordingSid);
        params.put("RecordingStatus", "completed");
        params.put("RecordingDuration", Long.toString(Math.round(samples / (double) WavWriter.SAMPLE_RATE)));
        params.put("RecordingChannels", "2");
        params.put("RecordingSource", LOCAL_SOURCE);
        params.put("RecordingStartTime", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        int code = forms.post(request.recordingCallbackUrl(), params).statusCode();
        if (code / 100 != 2) {
            CallMdc.run(callSid, () -> Log.warnf("recording callback answered HTTP %d", code));
        }
    }

    private void statusQuietly(String callStatus) {
        try {
            status(callStatus);
        } catch (Exception e) {
            CallMdc.run(callSid, () -> Log.warnf("status callback %s failed: %s", callStatus, e.getMessage()));
        }
    }

    private Map<String, String> callParams(String callStatus) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", callSid);
        params.put("AccountSid", accountSid);
        params.put("From", request.from());
        params.put("To", request.to());
        params.put("Caller", request.from());
        params.put("Called", request.to());
        params.put("CallStatus", callStatus);
        params.put("Direction", "outbound-api");
        params.put("ApiVersion", "2010-04-01");
        return params;
    }
}
