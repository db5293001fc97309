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
import java.util.concurrent.ExecutionException;

/**
 * One local call, played as Twilio plays an outbound call: status callbacks (initiated, ringing, in-progress,
 * completed), the signed {@code /twiml} webhook, then the Media Stream the TwiML names, where a local caller says its
 * lines in turn and waits for the agent to finish speaking before each. A transfer stops the stream and keeps the call
 * in progress a while, as a {@code <Dial>} would. A call to {@link AnsweringMachine#NUMBER} is answered by a
 * machine instead; a call dialed with {@code amd} gets Twilio's AMD callback ({@link LocalAmd}). Runs on its own
 * virtual thread.
 */
final class LocalCall {

    private static final long POLL_MS = 20;
    /** If the agent does not speak first, the caller starts after this much silence (generous: a busy machine). */
    private static final long NO_GREETING_MS = 10_000;
    /**
     * On a resumed stream the agent speaks first only when it owes an answer or was cut; otherwise the caller goes on
     * after this much silence, saying its last line again if the agent never answered it (it may not have heard it).
     */
    private static final long RESUMED_SILENCE_MS = 1_500;
    /** Refused new streams in a row after which the call is given up as failed. */
    private static final int MAX_REFUSED_STREAMS = 3;
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
    private final AnsweringMachine machine;
    private final LocalAmd amd;
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
        this.machine = AnsweringMachine.answers(request.to()) ? new AnsweringMachine(callSid) : null;
        this.amd = new LocalAmd(callSid, accountSid, request, forms);
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
            amd.answered(machine != null);
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
        TwimlStream.playLead(response.body(), this::said);
        Optional<TwimlStream> stream = TwimlStream.parse(response.body());
        if (stream.isEmpty()) {
            CallMdc.run(callSid, () -> Log.info("TwiML has no <Connect><Stream>; the call ends"));
        }
        return stream;
    }

    /**
     * Says the caller's lines over the stream the TwiML names; when the gateway closes the stream while the call goes
     * on, requests the {@code <Connect action>} as Twilio does and carries on over the stream it answers with.
     */
    private void converse(TwimlStream first) throws Exception {
        long deadline = answeredAtNanos + settings.maxCallLength().toNanos();
        TwimlStream twiml = first;
        Turns turns = new Turns();
        long lostAt = 0;
        int refused = 0;
        while (true) {
            // Counted from before the stream opens: the agent may speak the moment it starts.
            long heardBefore = agentAudioBytes;
            TwilioMediaClient client;
            try {
                client = connect(twiml);
            } catch (ExecutionException e) {
                // A refused stream ends the <Connect> too (e.g. it reached a draining instance): Twilio asks again.
                if (lostAt == 0 || ++refused > MAX_REFUSED_STREAMS) {
                    throw e;
                }
                String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                CallMdc.run(callSid, () -> Log.infof(
                        "local dialer: the new stream was refused (%s); requesting the action URL again", why));
                Optional<TwimlStream> again = followAction(twiml.action());
                if (again.isEmpty()) {
                    return;
                }
                twiml = again.get();
                continue;
            }
            long connectedAt = System.nanoTime();
            refused = 0;
            if (lostAt != 0) {
                long gapMs = (connectedAt - lostAt) / 1_000_000;
                CallMdc.run(callSid, () -> Log.infof(
                        "local dialer: resumed on a new stream %d ms after the last one was lost", gapMs));
            }
            if (machine != null) {
                machine.answer(client, amd::beepPlayed, this::hangUp);
            } else {
                turns.say(client, heardBefore, deadline);
            }
            while (!closed(client) && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MS);
            }
            if (hungUp || transferredTo != null || twiml.action() == null || System.nanoTime() >= deadline) {
                client.stop().toCompletionStage().toCompletableFuture().get();
                return;
            }
            lostAt = System.nanoTime();
            long ranMs = (lostAt - connectedAt) / 1_000_000;
            CallMdc.run(callSid, () -> Log.infof("local dialer: the stream closed after %d ms with the call going on: "
                    + "requesting the <Connect> action URL", ranMs));
            Optional<TwimlStream> next = followAction(twiml.action());
            if (next.isEmpty()) {
                return;
            }
            twiml = next.get();
            turns.resumed = true;
        }
    }

    /** Twilio's request of the {@code <Connect action>}: a new stream, a {@code <Dial>}, or the end of the call. */
    private Optional<TwimlStream> followAction(URI action) throws Exception {
        HttpResponse<String> response = forms.post(action, callParams("in-progress"));
        if (response.statusCode() != 200) {
            CallMdc.run(callSid, () -> Log.warnf("the <Connect> action URL answered HTTP %d; the call ends",
                    response.statusCode()));
            return Optional.empty();
        }
        TwimlStream.playLead(response.body(), this::said);
        Optional<TwimlStream> stream = TwimlStream.parse(response.body());
        if (stream.isEmpty()) {
            TwimlStream.dialTarget(response.body()).ifPresent(target -> transferredTo = target);
            CallMdc.run(callSid, () -> Log.infof("the <Connect> action answered without a stream; the call %s",
                    transferredTo != null ? "is transferred" : "ends"));
        }
        return stream;
    }

    private void said(String line) {
        CallMdc.run(callSid, () -> Log.infof("local dialer: Twilio would say \"%s\"", line));
    }

    /** The caller's lines across the call's streams: which comes next, and whether the last one was answered. */
    private final class Turns {

        private int next;
        private boolean unanswered;
        private boolean resumed;

        void say(TwilioMediaClient client, long heardAtStart, long deadline) throws InterruptedException {
            boolean firstWait = true;
            long heardBefore = heardAtStart;
            while (true) {
                boolean mayRepeat = resumed && firstWait && unanswered;
                if (next >= lines.size() && !mayRepeat) {
                    return;
                }
                long silence = !firstWait ? -1 : resumed ? RESUMED_SILENCE_MS : NO_GREETING_MS;
                if (!waitForAgent(client, heardBefore, silence, deadline)) {
                    return;
                }
                firstWait = false;
                if (agentAudioBytes > heardBefore) {
                    unanswered = false;
                } else if (mayRepeat) {
                    next--;
                }
                if (next >= lines.size()) {
                    return;
                }
                heardBefore = agentAudioBytes;
                client.play(lines.get(next++));
                unanswered = true;
            }
        }
    }

    private TwilioMediaClient connect(TwimlStream twiml) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        forms.signature(twiml.url(), Map.of()).ifPresent(sig -> headers.put("X-Twilio-Signature", sig));
        TwilioMediaClient client = new TwilioMediaClient(vertx, new MediaStreamOptions(twiml.url(), headers,
                accountSid, callSid, twiml.parameters()), new MediaListener() {
            @Override
            public void media(String payload) {
                agentAudioBytes += payload.length();
                if (recorder != null || machine != null) {
                    byte[] audio = Base64.getDecoder().decode(payload);
                    if (recorder != null) {
                        recorder.agent(audio);
                    }
                    if (machine != null) {
                        machine.heard(audio);
                    }
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
        return client;
    }

    /**
     * Waits until the agent has spoken (more than {@code heardBefore} bytes heard) and its audio has finished
     * playing, or, with {@code silentStartMs} of zero or
     * more, until that long passed without the agent speaking; false when the stream closed meanwhile.
     */
    private boolean waitForAgent(TwilioMediaClient client, long heardBefore, long silentStartMs, long deadline)
            throws InterruptedException {
        long startedNanos = System.nanoTime();
        while (!closed(client) && System.nanoTime() < deadline) {
            boolean agentSpoke = agentAudioBytes > heardBefore;
            boolean silentLongEnough = client.playbackIdleMs() >= settings.turnGap().toMillis();
            boolean nobodySpeaks = silentStartMs >= 0 && !agentSpoke
                    && Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() >= silentStartMs;
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

    /** The answering machine that took the call, or null when a person did; for tests. */
    AnsweringMachine machine() {
        return machine;
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
