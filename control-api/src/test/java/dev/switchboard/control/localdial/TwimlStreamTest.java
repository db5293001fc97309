package dev.switchboard.control.localdial;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TwimlStreamTest {

    @Test
    void theSaysAndPausesBeforeTheConnectRunInOrderAndTheConnectKeepsItsActionsQuery() throws Exception {
        String twiml = """
                <?xml version="1.0" encoding="UTF-8"?><Response><Say>One moment.</Say><Pause length="1"/>\
                <Say>Still here.</Say><Connect action="https://gateway.test/twiml/resume?attempt=3&amp;at=9">\
                <Stream url="wss://gateway.test/call"/></Connect><Say>Never said.</Say></Response>""";
        List<String> said = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        long start = System.nanoTime();

        TwimlStream.playLead(twiml, line -> {
            said.add(line);
            at.add((System.nanoTime() - start) / 1_000_000);
        });

        assertThat(said).containsExactly("One moment.", "Still here.");
        assertThat(at.get(1) - at.get(0)).isBetween(1_000L, 3_000L);
        assertThat(TwimlStream.parse(twiml).orElseThrow().action())
                .isEqualTo(URI.create("https://gateway.test/twiml/resume?attempt=3&at=9"));
    }

    @Test
    void theEndLineIsSaidAndTheDocumentHasNoStream() throws Exception {
        String twiml = "<Response><Say>Sorry, we lost the connection. Please call us back.</Say><Hangup/></Response>";
        List<String> said = new ArrayList<>();

        TwimlStream.playLead(twiml, said::add);

        assertThat(said).containsExactly("Sorry, we lost the connection. Please call us back.");
        assertThat(TwimlStream.parse(twiml)).isEmpty();
        assertThat(TwimlStream.dialTarget(twiml)).isEmpty();
    }

    @Test
    void aPauseWithoutALengthWaitsOneSecond() throws Exception {
        long start = System.nanoTime();

        TwimlStream.playLead("<Response><Pause/><Hangup/></Response>", line -> { });

        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_000L, 3_000L);
    }
}
