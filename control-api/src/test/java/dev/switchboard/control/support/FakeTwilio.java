package dev.switchboard.control.support;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Answers like Twilio's 2010-04-01 Calls resource (create; update with Status or Twiml) and records every request. */
public class FakeTwilio {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-twilio-auth-token";
    public static final String FROM = "+15005550006";
    /** The price every fetched call reports, as Twilio writes it. */
    public static final String PRICE = "-0.01400";

    /** One request as received: method, path, Authorization header and form parameters. */
    public record Received(String method, String path, String authorization, MultiMap form) { }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> fetched = new CopyOnWriteArrayList<>();
    private final AtomicReference<int[]> nextError = new AtomicReference<>();
    private final java.util.Map<String, byte[]> recordings = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long delayMillis;

    /** Calls fetched (GET), e.g. for their price. */
    public List<Received> fetched() {
        return List.copyOf(fetched);
    }

    public List<Received> received() {
        return received;
    }

    /** The next request gets Twilio's error JSON with this HTTP status and Twilio error code. */
    public void failNext(int httpStatus, int twilioCode) {
        nextError.set(new int[] {httpStatus, twilioCode});
    }

    /** Answers every request this much later (0: at once), as a slow Twilio would. */
    public void delay(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    /**
     * Serves {@code audio} at {@code /2010-04-01/Accounts/{AccountSid}/Recordings/{recordingSid}.wav}, to requests with
     * the account's basic auth only (401 otherwise), as Twilio's Recording media; returns the RecordingUrl.
     */
    public String serveRecording(String base, String recordingSid, byte[] audio) {
        recordings.put(recordingSid, audio);
        return base + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings/" + recordingSid;
    }

    /** The Authorization header Twilio's REST API accepts: HTTP basic with the account SID and auth token. */
    public static String basicAuth() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The form of the last request to update call {@code sid} (Status or Twiml), if any. */
    public MultiMap lastUpdateOf(String sid) {
        String path = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + sid + ".json";
        return received.stream().filter(r -> r.path().equals(path)).reduce((first, second) -> second)
                .map(Received::form).orElse(null);
    }

    public void handle(HttpServerRequest request) {
        if (!request.method().name().equals("GET")) {
            request.setExpectMultipart(true);   // a GET has no content type, and Vert.x refuses to decode it then
        }
        request.endHandler(done -> {
            long delay = delayMillis;
            if (delay > 0) {
                io.vertx.core.Vertx.currentContext().owner().setTimer(delay, timer -> respond(request));
            } else {
                respond(request);
            }
        });
    }

    private void respond(HttpServerRequest request) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(request.formAttributes());
        Received got = new Received(request.method().name(), request.path(), request.getHeader("Authorization"), form);
        // Price look-ups run in the background after calls complete; kept apart so they never shift received().
        (request.method().name().equals("GET") ? fetched : received).add(got);
        int[] error = nextError.getAndSet(null);
        if (error != null) {
            reply(request, error[0], new JsonObject().put("code", error[1])
                    .put("message", "The 'To' number " + form.get("To") + " is not a valid phone number.")
                    .put("more_info", "https://www.twilio.com/docs/errors/" + error[1]).put("status", error[0]));
            return;
        }
        String prefix = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls";
        String media = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings/";
        if (request.path().startsWith(media) && request.path().endsWith(".wav") && request.method().name().equals("GET")) {
            byte[] audio = recordings.get(request.path().substring(media.length(), request.path().length() - 4));
            if (!basicAuth().equals(request.getHeader("Authorization"))) {
                reply(request, 401, new JsonObject().put("code", 20003).put("message", "Authenticate").put("status", 401));
            } else if (audio == null) {
                reply(request, 404, new JsonObject().put("code", 20404).put("message", "not found").put("status", 404));
            } else {
                request.response().putHeader("Content-Type", "audio/x-wav")
                        .end(io.vertx.core.buffer.Buffer.buffer(audio));
            }
        } else if (request.path().equals(prefix + ".json") && request.method().name().equals("POST")) {
            String sid = "CA" + java.util.UUID.randomUUID().toString().replace("-", "");
            reply(request, 201, call(sid, "queued", form.get("To"), form.get("From")));
        } else if (request.path().startsWith(prefix + "/") && request.method().name().equals("POST")) {
            String sid = request.path().substring(prefix.length() + 1).replace(".json", "");
            // An update with Twiml (a redirect) leaves the call in progress; one with Status sets it.
            reply(request, 200, call(sid, form.get("Status") != null ? form.get("Status") : "in-progress",
                    "+14155550100", FROM));
        } else if (request.path().startsWith(prefix + "/") && request.method().name().equals("GET")) {
            // A fetched call has ended and been billed: Twilio reports the charge as a negative price.
            String sid = request.path().substring(prefix.length() + 1).replace(".json", "");
            reply(request, 200, call(sid, "completed", "+14155550100", FROM).put("price", PRICE)
                    .put("duration", "42"));
        } else {
            reply(request, 404, new JsonObject().put("code", 20404).put("message", "The requested resource was not found")
                    .put("status", 404));
        }
    }

    private static JsonObject call(String sid, String status, String to, String from) {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        return new JsonObject().put("sid", sid).put("date_created", now).put("date_updated", now)
                .put("parent_call_sid", null).put("account_sid", ACCOUNT_SID).put("to", to).put("to_formatted", to)
                .put("from", from).put("from_formatted", from).put("phone_number_sid", null).put("status", status)
                .put("start_time", null).put("end_time", null).put("duration", null).put("price", null)
                .put("price_unit", "USD").put("direction", "outbound-api").put("answered_by", null)
                .put("api_version", "2010-04-01").put("forwarded_from", null).put("group_sid", null)
                .put("caller_name", null).put("queue_time", "0").put("trunk_sid", null)
                .put("uri", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + sid + ".json")
                .put("subresource_uris", new JsonObject()
                        .put("recordings", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + sid + "/Recordings.json"));
    }

    private static void reply(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
