package dev.switchboard.gateway.twiml;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwimlDocumentsTest {

    private static final String ACTION = "https://gateway.test/twiml/resume?attempt=2&at=1733390000000";

    @Test
    void aStreamsActionKeepsItsQueryEscapedAsXmlAndNullParametersAreLeftOut() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("streamToken", "t1");
        parameters.put("from", null);

        assertThat(TwimlDocuments.connectStream("wss://gateway.test/call", ACTION, parameters)).endsWith(
                "<Response><Connect action=\"https://gateway.test/twiml/resume?attempt=2&amp;at=1733390000000\">"
                        + "<Stream url=\"wss://gateway.test/call\"><Parameter name=\"streamToken\" value=\"t1\"/>"
                        + "</Stream></Connect></Response>");
    }

    @Test
    void aPausedStreamPausesFirst() {
        assertThat(TwimlDocuments.connectStream("wss://gateway.test/call", ACTION, Map.of(), 1))
                .contains("<Response><Pause length=\"1\"/><Connect action=");
    }

    @Test
    void theEndLineIsSaidThenTheCallHangsUp() {
        assertThat(TwimlDocuments.sayAndHangUp("Sorry, we lost the connection & the line. Call back."))
                .endsWith("<Response><Say>Sorry, we lost the connection &amp; the line. Call back.</Say>"
                        + "<Hangup/></Response>");
    }

    @Test
    void aFullInstanceApologisesAndHangsUp() {
        assertThat(TwimlDocuments.busy()).contains("<Say>" + TwimlDocuments.APOLOGY + "</Say><Hangup/>");
    }
}
