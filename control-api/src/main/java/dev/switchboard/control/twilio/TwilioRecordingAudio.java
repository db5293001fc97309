package dev.switchboard.control.twilio;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.RecordingAudio;
import dev.switchboard.control.calls.RecordingNotFoundException;
import dev.switchboard.control.calls.RecordingUnavailableException;
import dev.switchboard.control.history.Recording;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Fetches a Twilio recording's audio as Twilio's Recording resource documents it: {@code GET {RecordingUrl}.wav} with
 * HTTP basic auth (account SID, auth token), answered as a stream. The credentials go only to TWILIO_API_BASE_URL under
 * this account's Recordings path: a RecordingUrl elsewhere (a forged callback) is never fetched. A redirect (Twilio may
 * answer media requests with one to a signed URL) is followed once, without the credentials.
 */
@ApplicationScoped
class TwilioRecordingAudio implements RecordingAudio {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ControlConfig config;
    // HTTP/1.1: no h2c upgrade attempt on plain-HTTP test servers; Twilio serves both.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    TwilioRecordingAudio(ControlConfig config) {
        this.config = config;
    }

    @Override
    public boolean serves(Recording recording) {
        return !recording.local();
    }

    @Override
    public Audio open(Recording recording) {
        URI media = mediaUrl(recording);
        String account = config.twilio().accountSid().orElseThrow();
        String token = config.twilio().authToken().orElseThrow();
        String basic = Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpResponse<InputStream> response = get(HttpRequest.newBuilder(media).header("Authorization", "Basic " + basic));
        if (response.statusCode() / 100 == 3) {
            URI location = response.headers().firstValue("Location").map(media::resolve)
                    .orElseThrow(() -> unavailable(recording, response));
            close(response);
            return answer(recording, get(HttpRequest.newBuilder(location)));
        }
        return answer(recording, response);
    }

    private Audio answer(Recording recording, HttpResponse<InputStream> response) {
        if (response.statusCode() == 404) {
            close(response);
            throw new RecordingNotFoundException(recording.callSid());
        }
        if (response.statusCode() != 200) {
            throw unavailable(recording, response);
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        return new Audio(response.body(), "audio/wav", length);
    }

    // Only this account's recordings on the configured Twilio API: the URL came in a webhook.
    private URI mediaUrl(Recording recording) {
        if (config.twilio().accountSid().isEmpty() || config.twilio().authToken().isEmpty()) {
            throw new RecordingUnavailableException(null);
        }
        String base = config.twilio().apiBaseUrl().toString().replaceAll("/+$", "");
        String prefix = base + "/2010-04-01/Accounts/" + config.twilio().accountSid().get() + "/Recordings/";
        String url = recording.sourceUrl();
        if (url == null || !url.startsWith(prefix) || !url.substring(prefix.length()).matches("RE[0-9a-fA-F]{32}")) {
            CallMdc.run(recording.callSid(), () -> Log.warnf(
                    "recording %s has no RecordingUrl under this account's Twilio API; not fetched",
                    recording.recordingSid()));
            throw new RecordingUnavailableException(null);
        }
        return URI.create(url + ".wav");
    }

    private HttpResponse<InputStream> get(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            Log.warnf("the recording could not be fetched from Twilio: %s", e.getClass().getSimpleName());
            throw new RecordingUnavailableException(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingUnavailableException(null);
        }
    }

    private static RecordingUnavailableException unavailable(Recording recording, HttpResponse<InputStream> response) {
        CallMdc.run(recording.callSid(), () -> Log.warnf("Twilio answered HTTP %d for recording %s",
                response.statusCode(), recording.recordingSid()));
        close(response);
        return new RecordingUnavailableException(response.statusCode());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing to keep: the answer is discarded
        }
    }
}
