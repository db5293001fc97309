import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * run.sh's outcome-webhook receiver, a single-file program for the JDK's source launcher and nothing else:
 * {@code java scripts/WebhookReceiver.java http://127.0.0.1:8080 [ready file]} (SWITCHBOARD_API_KEY from the
 * environment when control-api needs one; the ready file is created once the subscription exists). It listens on a
 * free loopback port, subscribes itself to every event with {@code POST /api/webhooks}, verifies each delivery's
 * Standard Webhooks signature as docs/webhooks.md ("Verifying a delivery") describes (401 when it does not verify),
 * prints each event in one line and, for {@code call.completed}, the call's tokens by kind and estimated cost. Its
 * subscription is deleted when it stops (and a stale one of an earlier run at start). The secret stays in memory.
 */
public final class WebhookReceiver {

    private static final String MARKER = "run.sh demo receiver";
    private static final long TOLERANCE_SECONDS = 300;

    private final String controlUrl;
    private final String apiKey = System.getenv("SWITCHBOARD_API_KEY");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile byte[] key;

    private WebhookReceiver(String controlUrl) {
        this.controlUrl = controlUrl.replaceAll("/+$", "");
    }

    public static void main(String[] args) throws Exception {
        try {
            new WebhookReceiver(args.length > 0 ? args[0] : "http://127.0.0.1:8080").run();
        } catch (Exception e) {
            System.err.println("[webhook] receiver not started: " + e.getMessage());
            System.exit(1);
        }
        if (args.length > 1) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), "subscribed\n");
        }
    }

    private void run() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
        deleteStale();
        Map<?, ?> created = (Map<?, ?>) Json.parse(send("POST", "/api/webhooks", "{\"url\": \"" + url
                + "\", \"events\": [\"*\"], \"description\": \"" + MARKER + "\"}", 201));
        String secret = (String) created.get("secret");
        key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
        String id = (String) created.get("id");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            try {
                send("DELETE", "/api/webhooks/" + id, null, 204);
            } catch (Exception e) {
                System.err.println("[webhook] could not delete subscription " + id + ": " + e.getMessage());
            }
        }));
        System.out.println("[webhook] receiver on " + url + " subscribed to every event (subscription " + id + ")");
    }

    private void deleteStale() throws Exception {
        for (Object item : (List<?>) Json.parse(send("GET", "/api/webhooks", null, 200))) {
            Map<?, ?> subscription = (Map<?, ?>) item;
            if (MARKER.equals(subscription.get("description"))) {
                send("DELETE", "/api/webhooks/" + subscription.get("id"), null, 204);
            }
        }
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(controlUrl + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String problem = "POST".equals(exchange.getRequestMethod()) ? problem(exchange, body) : "not a POST";
            if (problem != null) {
                System.out.println("[webhook] delivery REJECTED (" + problem + ")");
                exchange.sendResponseHeaders(problem.equals("not a POST") ? 405 : 401, -1);
                return;
            }
            exchange.sendResponseHeaders(204, -1);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            print((Map<?, ?>) Json.parse(new String(body, StandardCharsets.UTF_8)), !seen.add(id));
        } catch (RuntimeException e) {
            System.out.println("[webhook] delivery could not be read: " + e.getMessage());
        }
    }

    /** Why the delivery does not verify, or null when it does (Standard Webhooks, docs/webhooks.md). */
    private String problem(HttpExchange exchange, byte[] body) {
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        if (id == null || timestamp == null || signatures == null || key == null) {
            return "webhook headers missing";
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "bad webhook-timestamp";
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - sent) > TOLERANCE_SECONDS) {
            return "webhook-timestamp more than 5 minutes off";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            return "cannot compute HMAC-SHA256";
        }
        for (String signature : signatures.trim().split(" +")) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return "signature does not match";
    }

    private static void print(Map<?, ?> event, boolean again) {
        String sid = String.valueOf(event.get("callSid"));
        String prefix = "[" + (sid.length() > 8 ? "…" + sid.substring(sid.length() - 6) : sid) + "] webhook #"
                + event.get("sequence") + " " + event.get("type") + (again ? " (again)" : "") + " (signature ok): ";
        Map<?, ?> data = event.get("data") instanceof Map<?, ?> map ? map : Map.of();
        System.out.println(prefix + describe(String.valueOf(event.get("type")), data));
        if ("call.completed".equals(event.get("type")) && data.get("usage") instanceof Map<?, ?> usage && !again) {
            printUsage(prefix.substring(0, prefix.indexOf(']') + 1), usage);
        }
    }

    private static String describe(String type, Map<?, ?> data) {
        return switch (type) {
            case "call.completed" -> "completed after %.1f s on profile %s v%s".formatted(
                    number(data.get("durationMs")).doubleValue() / 1000, data.get("profile"),
                    data.get("profileVersion"));
            case "call.transcript" -> (data.get("lines") instanceof List<?> lines ? lines.size() : 0)
                    + " transcript lines";
            case "call.tool" -> data.get("name") + " -> " + shorten(String.valueOf(data.get("result")), 80);
            case "call.transfer" -> data.get("outcome") + " to " + data.get("target");
            case "call.recording" -> data.get("recordingSid") + ", " + data.get("durationSeconds") + " s, "
                    + data.get("channels") + " channels (GET /api/calls/{sid}/recording)";
            default -> String.valueOf(data.get("status"));
        };
    }

    /** The call's tokens by kind and estimated cost, as call.completed carries them (docs/api.md#usage). */
    private static void printUsage(String prefix, Map<?, ?> usage) {
        Map<?, ?> tokens = usage.get("tokens") instanceof Map<?, ?> t ? t : null;
        if (tokens == null) {
            System.out.println(prefix + " usage: no token counts (the gateway did not report them)");
        } else {
            System.out.println(prefix + " usage: tokens input text %s (cached %s), input audio %s (cached %s),"
                    .formatted(tokens.get("inputText"), tokens.get("cachedText"), tokens.get("inputAudio"),
                            tokens.get("cachedAudio"))
                    + " output text %s, output audio %s, %s in all; %s s of call".formatted(tokens.get("outputText"),
                    tokens.get("outputAudio"), tokens.get("total"), usage.get("durationSeconds")));
        }
        if (usage.get("estimatedCost") instanceof Map<?, ?> cost) {
            List<String> parts = new ArrayList<>();
            if (cost.get("breakdown") instanceof Map<?, ?> breakdown) {
                breakdown.forEach((kind, value) -> parts.add(kind + " " + value));
            }
            System.out.println(prefix + " estimated cost: " + cost.get("total") + " " + cost.get("currency")
                    + " (" + String.join(", ", parts) + "; price table in README)");
        }
        if (usage.get("twilioPrice") instanceof Map<?, ?> price) {
            System.out.println(prefix + " Twilio's price: " + price.get("amount") + " " + price.get("currency"));
        }
    }

    private static BigDecimal number(Object value) {
        return value instanceof BigDecimal number ? number : BigDecimal.ZERO;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** Just enough JSON (RFC 8259) for control-api's answers: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("unexpected character");
            }
            return new BigDecimal(text.substring(start, at));
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                String name = string();
                space();
                expect(':');
                map.put(name, value());
                space();
                if (peek() == '}') {
                    at++;
                    return map;
                }
                expect(',');
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek() == ']') {
                    at++;
                    return list;
                }
                expect(',');
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at " + at);
        }
    }
}
