package dev.switchboard.e2e;

import dev.switchboard.contract.twilio.TwilioSignature;
import dev.switchboard.control.localdial.MediaListener;
import dev.switchboard.control.localdial.MediaStreamOptions;
import dev.switchboard.control.localdial.TwilioMediaClient;
import dev.switchboard.control.localdial.TwimlStream;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test playing Twilio for one inbound call: the signed {@code /twiml} webhook, then the Media Stream through the
 * one media-client imitation ({@link TwilioMediaClient}: 20 ms pacing, marks echoed once played), and the local
 * caller's recorded lines.
 */
final class TwilioCaller implements MediaListener {

    private static final Duration TURN_GAP = Duration.ofMillis(800);

    private final String callSid;
    private volatile long agentAudioBytes;
    private TwilioMediaClient stream;

    TwilioCaller(String callSid) {
        this.callSid = callSid;
    }

    /** Fetches TwiML from the gateway as Twilio does for an inbound call and opens the stream it names. */
    void call(Vertx vertx, HttpClient http, String gatewayUrl, String authToken) throws Exception {
        URI twimlUrl = URI.create(gatewayUrl + "/twiml");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", callSid);
        form.put("AccountSid", "AC" + "0".repeat(32));
        form.put("From", "+15005550006");
        form.put("To", "+15551230000");
        form.put("Direction", "inbound");
        form.put("CallStatus", "in-progress");
        TwilioSignature signer = new TwilioSignature(authToken);
        HttpResponse<String> twiml = http.send(HttpRequest.newBuilder(twimlUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signer.sign(twimlUrl.toString(), form))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(twiml.statusCode()).as(twiml.body()).isEqualTo(200);
        TwimlStream target = TwimlStream.parse(twiml.body()).orElseThrow();
        Map<String, String> headers = Map.of("X-Twilio-Signature", signer.sign(target.url().toString(), Map.of()));
        stream = new TwilioMediaClient(vertx, new MediaStreamOptions(target.url(), headers, form.get("AccountSid"),
                callSid, target.parameters()), this);
        stream.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Waits until the agent has spoken since {@code heardBefore} bytes and its audio has finished playing. */
    void awaitAgentDone(long heardBefore, Duration atMost) {
        await().atMost(atMost.toMillis(), TimeUnit.MILLISECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> agentAudioBytes > heardBefore && !stream.speaking()
                        && stream.playbackIdleMs() >= TURN_GAP.toMillis());
    }

    /** Queues one of the local caller's recorded lines ({@code question}, {@code goodbye}). */
    void say(String clip) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("clips/" + clip + ".ulaw")) {
            assertThat(in).as("caller clip " + clip).isNotNull();
            stream.play(in.readAllBytes());
        }
    }

    long agentAudioBytes() {
        return agentAudioBytes;
    }

    long framesSent() {
        return stream.framesSent();
    }

    boolean closed() {
        return stream.closed().isComplete();
    }

    void hangUp() {
        if (stream != null) {
            stream.stop();
        }
    }

    @Override
    public void media(String payload) {
        agentAudioBytes += payload.length() / 4L * 3;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }
}
