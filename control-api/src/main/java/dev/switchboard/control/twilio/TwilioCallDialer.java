package dev.switchboard.control.twilio;

import com.twilio.converter.CurrencyDeserializer;
import com.twilio.converter.ISO8601Deserializer;
import com.twilio.converter.ISO8601Serializer;
import com.twilio.converter.LocalDateDeserializer;
import com.twilio.converter.RFC2822Deserializer;
import com.twilio.converter.ZonedDateTimeListDeserializer;
import com.twilio.exception.ApiException;
import com.twilio.exception.RestException;
import com.twilio.exception.RestStandardException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Sip;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.CallDialer;
import dev.switchboard.control.calls.DialFailedException;
import dev.switchboard.control.calls.DialRequest;
import dev.switchboard.control.calls.DialedCall;
import dev.switchboard.control.calls.DialerUnavailableException;
import dev.switchboard.control.calls.DtmfUnsupportedException;
import dev.switchboard.control.config.TransferTargets;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Places, ends and transfers calls through the Twilio Java SDK ({@code Call.creator} / {@code Call.updater}).
 *
 * <p>The SDK builds Twilio's answers with Jackson, reflectively. Twilio 13.0.1 ships no native-image metadata and
 * Quarkus has no Twilio extension, so the classes it needs are registered here: without them {@code Call.fromJson}
 * fails natively ("no delegate- or property-based Creator", then "RFC2822Deserializer has no default constructor"),
 * and so does reading a Twilio error body. Add every further Twilio resource we call.
 */
@ApplicationScoped
@RegisterForReflection(targets = {
        // POST/GET/DELETE .../Calls.json answers: the resource, its enums, the error bodies.
        Call.class, Call.Status.class, Call.UpdateStatus.class,
        RestException.class, RestStandardException.class, RestStandardException.ValidationError.class,
        // @JsonDeserialize(using = ...) converters on Twilio resources; Jackson instantiates them reflectively.
        RFC2822Deserializer.class, ISO8601Deserializer.class, ISO8601Serializer.class,
        CurrencyDeserializer.class, LocalDateDeserializer.class, ZonedDateTimeListDeserializer.class },
        // TwiML.toXml() (transfers) asks JAXP's FactoryFinder for the JDK's default DOM and identity-transform
        // factories, which it instantiates reflectively. Not yet proven natively: CallTransferIT is the check.
        classNames = { "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
                "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl" })
public class TwilioCallDialer implements CallDialer {

    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    static final List<String> RECORDING_EVENTS = List.of("completed");
    private static final URI TWILIO_API = URI.create("https://api.twilio.com");

    private final ControlConfig config;
    private volatile TwilioRestClient client;

    TwilioCallDialer(ControlConfig config) {
        this.config = config;
    }

    /** True when an account SID and auth token are configured. */
    @Override
    public boolean configured() {
        return config.twilio().accountSid().isPresent() && config.twilio().authToken().isPresent();
    }

    @Override
    public DialedCall dial(DialRequest request) {
        CallCreator creator = Call.creator(new PhoneNumber(request.to()), new PhoneNumber(request.from()),
                        request.twimlUrl())
                .setStatusCallback(request.statusCallbackUrl())
                .setStatusCallbackEvent(STATUS_EVENTS);
        if (request.amd()) {
            // Waits for the greeting's end (the beep), so a voicemail message lands on the recording.
            creator.setMachineDetection("DetectMessageEnd").setAsyncAmd("true")
                    .setAsyncAmdStatusCallback(request.amdCallbackUrl())
                    .setAsyncAmdStatusCallbackMethod(HttpMethod.POST);
        } else if (request.machineDetection()) {
            creator.setMachineDetection("Enable").setAsyncAmd("true")
                    .setAsyncAmdStatusCallback(request.statusCallbackUrl());
        }
        if (request.record()) {
            // Both sides on their own channel; Twilio reports the finished recording to /twilio/recording.
            creator.setRecord(true).setRecordingChannels("dual")
                    .setRecordingStatusCallback(request.recordingCallbackUrl().toString())
                    .setRecordingStatusCallbackEvent(RECORDING_EVENTS);
        }
        try {
            Call call = creator.create(client());
            CallMdc.run(call.getSid(), () -> Log.info("placed through Twilio"));
            return new DialedCall(call.getSid(), call.getStatus() == null ? "queued" : call.getStatus().toString());
        } catch (TwilioException e) {
            throw refused(e);
        }
    }

    @Override
    public void hangUp(String callSid) {
        try {
            Call.updater(callSid).setStatus(Call.UpdateStatus.COMPLETED).update(client());
            CallMdc.run(callSid, () -> Log.info("hang-up sent to Twilio"));
        } catch (TwilioException e) {
            throw refused(e);
        }
    }

    @Override
    public void transfer(String callSid, String target) {
        try {
            Call.updater(callSid).setTwiml(new Twiml(transferTwiml(target))).update(client());
            CallMdc.run(callSid, () -> Log.info("transfer sent to Twilio"));
        } catch (TwilioException e) {
            throw refused(e);
        }
    }

    /** A short announcement, then {@code <Dial>} to the number or SIP address; the SDK escapes the XML. */
    String transferTwiml(String target) {
        Dial.Builder dial = new Dial.Builder();
        if (TransferTargets.isSip(target)) {
            dial.sip(new Sip.Builder(target).build());
        } else {
            dial.number(new Number.Builder(target).build());
        }
        try {
            return new VoiceResponse.Builder().say(new Say.Builder(config.calls().transferAnnouncement()).build())
                    .dial(dial.build()).build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("transfer TwiML could not be written", e);
        }
    }

    /** What Twilio charged for the call (its Call resource's price and price_unit), once it is known. Blocking. */
    Optional<TwilioPrice> price(String callSid) {
        try {
            Call call = Call.fetcher(callSid).fetch(client());
            if (call.getPrice() == null || call.getPrice().isBlank()) {
                return Optional.empty();
            }
            String unit = call.getPriceUnit() == null ? null : call.getPriceUnit().getCurrencyCode();
            return Optional.of(new TwilioPrice(call.getPrice(), unit));
        } catch (TwilioException e) {
            throw refused(e);
        }
    }

    @Override
    public void sendDigits(String callSid, String digits) {
        throw new DtmfUnsupportedException();
    }

    private static DialFailedException refused(TwilioException e) {
        // Only the code leaves this class: Twilio's message can contain the dialled number.
        Integer code = e instanceof ApiException api ? api.getCode() : null;
        return new DialFailedException(code, null);
    }

    private TwilioRestClient client() {
        TwilioRestClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                current = client;
            }
        }
        return current;
    }

    private TwilioRestClient build() {
        if (!configured()) {
            throw new DialerUnavailableException("Twilio is not configured");
        }
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(config.twilio().accountSid().get(),
                config.twilio().authToken().get());
        URI base = config.twilio().apiBaseUrl();
        if (!TWILIO_API.equals(base)) {
            builder.httpClient(new RebasedHttpClient(base));
        }
        return builder.build();
    }
}
