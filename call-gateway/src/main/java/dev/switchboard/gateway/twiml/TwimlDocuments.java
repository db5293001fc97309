package dev.switchboard.gateway.twiml;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;

import java.util.Map;

/** The TwiML documents /twiml answers with, built with the Twilio SDK's TwiML classes. */
final class TwimlDocuments {

    static final String APOLOGY = "Sorry, all of our lines are busy right now. Please call again in a few minutes.";

    private TwimlDocuments() {
    }

    /** {@code <Connect><Stream url=...>} with one {@code <Parameter>} per entry (null values are left out). */
    static String connectStream(String streamUrl, Map<String, String> parameters) {
        Stream.Builder stream = new Stream.Builder().url(streamUrl);
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                stream.parameter(new Parameter.Builder().name(name).value(value).build());
            }
        });
        return new VoiceResponse.Builder()
                .connect(new Connect.Builder().stream(stream.build()).build())
                .build().toXml();
    }

    /** A short spoken apology, then hang up: what a caller hears when this instance is full. */
    static String busy() {
        return new VoiceResponse.Builder()
                .say(new Say.Builder(APOLOGY).build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }
}
