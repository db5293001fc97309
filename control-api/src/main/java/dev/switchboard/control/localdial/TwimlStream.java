package dev.switchboard.control.localdial;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the local dialer reads of a TwiML document: the {@code <Say>}s and {@code <Pause>}s it runs first, and the
 * {@code <Connect><Stream url>} and its {@code <Parameter>}s, as Twilio reads them, with the
 * {@code <Connect action>} Twilio requests when the stream ends without the call ending (null when there is none).
 */
public record TwimlStream(URI url, Map<String, String> parameters, URI action) {

    public TwimlStream(URI url, Map<String, String> parameters) {
        this(url, parameters, null);
    }

    /**
     * Runs the {@code <Say>}s and {@code <Pause>}s that come before the document's other verbs, in order, as Twilio
     * does before it connects, dials or hangs up: a line is handed to {@code said} (nothing here can speak it), a
     * pause waits its {@code length} in seconds (1 when absent).
     */
    public static void playLead(String twiml, Consumer<String> said) throws InterruptedException {
        NodeList verbs = read(twiml).getDocumentElement().getChildNodes();
        for (int i = 0; i < verbs.getLength(); i++) {
            if (!(verbs.item(i) instanceof Element verb)) {
                continue;
            }
            switch (verb.getTagName()) {
                case "Say" -> said.accept(verb.getTextContent().strip());
                case "Pause" -> Thread.sleep(TimeUnit.SECONDS.toMillis(seconds(verb.getAttribute("length"))));
                default -> {
                    return;
                }
            }
        }
    }

    /** The number or SIP address of the document's {@code <Dial>}; empty when it dials nothing. */
    public static Optional<String> dialTarget(String twiml) {
        NodeList dials = read(twiml).getDocumentElement().getElementsByTagName("Dial");
        if (dials.getLength() == 0) {
            return Optional.empty();
        }
        String target = dials.item(0).getTextContent();
        return target == null || target.isBlank() ? Optional.empty() : Optional.of(target.strip());
    }

    /** The stream the TwiML connects to; empty when it has none (e.g. a spoken apology and {@code <Hangup/>}). */
    public static Optional<TwimlStream> parse(String twiml) {
        Document document = read(twiml);
        NodeList connects = document.getDocumentElement().getElementsByTagName("Connect");
        if (!"Response".equals(document.getDocumentElement().getTagName()) || connects.getLength() == 0) {
            return Optional.empty();
        }
        NodeList streams = ((Element) connects.item(0)).getElementsByTagName("Stream");
        if (streams.getLength() == 0) {
            return Optional.empty();
        }
        Element stream = (Element) streams.item(0);
        Map<String, String> parameters = new LinkedHashMap<>();
        NodeList params = stream.getElementsByTagName("Parameter");
        for (int i = 0; i < params.getLength(); i++) {
            Element param = (Element) params.item(i);
            parameters.put(param.getAttribute("name"), param.getAttribute("value"));
        }
        String action = ((Element) connects.item(0)).getAttribute("action");
        return Optional.of(new TwimlStream(URI.create(stream.getAttribute("url")), parameters,
                action.isBlank() ? null : URI.create(action)));
    }

    private static long seconds(String length) {
        try {
            return length.isBlank() ? 1 : Math.max(0, Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Document read(String twiml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // TwiML comes over the network: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(twiml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("the webhook did not answer TwiML", e);
        }
    }
}
