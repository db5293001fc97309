package dev.switchboard.gateway.media;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming read of Twilio messages must agree with a full JSON read on every shape Twilio may send. */
class TwilioFrameTest {

    @Test
    void readsAMediaFrameWhateverTheFieldOrder() throws IOException {
        TwilioFrame frame = TwilioFrame.read("""
                {"media":{"payload":"AAAA","chunk":"2","timestamp":"40","track":"inbound"},
                 "sequenceNumber":"3","streamSid":"MZ1","extra":{"nested":[1,{"payload":"no"}]},"event":"media"}""");
        assertThat(frame).isEqualTo(new TwilioFrame("media", "inbound", "AAAA", null, null));
    }

    @Test
    void readsMarkAndDtmf() throws IOException {
        assertThat(TwilioFrame.read("{\"event\":\"mark\",\"mark\":{\"name\":\"item_1:20\"}}").markName())
                .isEqualTo("item_1:20");
        assertThat(TwilioFrame.read("{\"event\":\"dtmf\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"#\"}}")
                .digit()).isEqualTo("#");
    }

    @Test
    void fieldsOfTheWrongTypeReadAsNull() throws IOException {
        TwilioFrame frame = TwilioFrame.read("{\"event\":\"media\",\"media\":{\"payload\":42,\"track\":[\"x\"]}}");
        assertThat(frame.payload()).isNull();
        assertThat(frame.track()).isNull();
        assertThat(TwilioFrame.read("{\"event\":7,\"media\":\"not an object\"}").event()).isEmpty();
    }

    @Test
    void escapedStringsAreDecoded() throws IOException {
        assertThat(TwilioFrame.read("{\"event\":\"mark\",\"mark\":{\"name\":\"a\\\"b\\u0041\"}}").markName())
                .isEqualTo("a\"bA");
    }

    @Test
    void anythingButOneObjectIsRefused() {
        for (String text : new String[]{"", "[]", "\"media\"", "{\"event\":\"media\"", "{\"event\":\"media\"} {}",
                "{\"event\":\"media\"} x", "not json"}) {
            assertThatThrownBy(() -> TwilioFrame.read(text)).as(text).isInstanceOf(IOException.class);
        }
    }
}
