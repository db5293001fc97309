package dev.switchboard.gateway.twiml;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Sip;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;

import java.util.Map;

/** The TwiML documents /twiml and /twiml/resume answer with, built with the Twilio SDK's TwiML classes. */
public final class TwimlDocuments {

    static final String APOLOGY = "Sorry, all of our lines are busy right now. Please call again in a few minutes.";

    private TwimlDocuments() {
    }

    /**
     * {@code <Connect action=...><Stream url=...>} with one {@code <Parameter>} per entry (null values are left
     * out). Twilio requests {@code action} when the stream ends without the call ending, so another instance can
     * resume it.
     */
    public static String connectStream(String streamUrl, String action, Map<String, String> parameters) {
        return connectStream(streamUrl, action, parameters, 0);
    }

    /** The same after {@code <Pause length=pauseSeconds>} (none at 0): a retry that should not come back at once. */
    public static String connectStream(String streamUrl, String action, Map<String, String> parameters,
                                       int pauseSeconds) {
        Stream.Builder stream = new Stream.Builder().url(streamUrl);
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                stream.parameter(new Parameter.Builder().name(name).value(value).build());
            }
        });
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (pauseSeconds > 0) {
            response.pause(new Pause.Builder().length(pauseSeconds).build());
        }
        return response
                .connect(new Connect.Builder().action(action).stream(stream.build()).build())
                .build().toXml();
    }

    /** Ends the call: what a resume request for a call that must not go on gets. */
    public static String hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** Dials the transfer target: a resume request for a call that was being transferred carries on with it. */
    public static String dial(String target) {
        Dial.Builder dial = new Dial.Builder();
        if (target.startsWith("sip:")) {
            dial.sip(new Sip.Builder(target).build());
        } else {
            dial.number(new Number.Builder(target).build());
        }
        return new VoiceResponse.Builder().dial(dial.build()).build().toXml();
    }

    /** A short spoken apology, then hang up: what a caller hears when this instance is full. */
    static String busy() {
        return sayAndHangUp(APOLOGY);
    }

    /** Says {@code line}, then hangs up: the polite end of a call that cannot go on. */
    public static String sayAndHangUp(String line) {
        return new VoiceResponse.Builder()
                .say(new Say.Builder(line).build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }
}
