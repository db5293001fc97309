package dev.switchboard.control.localdial;

import dev.switchboard.contract.twilio.TwilioSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Sends webhooks the way Twilio does: form-encoded POSTs, signed with {@code X-Twilio-Signature} over the exact URL
 * when an auth token is configured.
 */
final class TwilioForms {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Optional<TwilioSignature> signer;

    TwilioForms(Optional<TwilioSignature> signer) {
        this.signer = signer;
    }

    Optional<String> signature(URI url, Map<String, String> params) {
        return signer.map(s -> s.sign(url.toString(), params));
    }

    HttpResponse<String> post(URI url, Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1 (switchboard local dialer)")
                .POST(HttpRequest.BodyPublishers.ofString(encode(params)));
        signature(url, params).ifPresent(sig -> request.header("X-Twilio-Signature", sig));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }
}
