package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.CountDownLatch;

/**
 * Prints the conversation of every call as it happens, from control-api's {@code /logs} stream: caller and agent
 * transcripts, tool calls, interruptions and hang-ups. Usage: {@code LiveLog <control-api base URL> [api key]}.
 * Runs until interrupted; reconnects if control-api restarts.
 */
public final class LiveLog {

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketConnectOptions options;

    private LiveLog(String baseUrl, String apiKey) {
        options = new WebSocketConnectOptions().setAbsoluteURI(baseUrl.replaceFirst("^http", "ws") + "/logs");
        if (apiKey != null && !apiKey.isBlank()) {
            options.addHeader("Authorization", "Bearer " + apiKey);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        new LiveLog(args.length > 0 ? args[0] : "http://127.0.0.1:8080", args.length > 1 ? args[1] : null).connect();
        new CountDownLatch(1).await();
    }

    private void connect() {
        vertx.createWebSocketClient().connect(options).onSuccess(ws -> {
            ws.textMessageHandler(text -> print(new JsonObject(text)));
            ws.closeHandler(ignored -> vertx.setTimer(1_000, id -> connect()));
        }).onFailure(e -> vertx.setTimer(1_000, id -> connect()));
    }

    private static void print(JsonObject event) {
        String line = describe(event.getString("type", ""), event.getJsonObject("data", new JsonObject()));
        if (line != null) {
            String sid = event.getString("callSid", "");
            System.out.printf("[%s] %s%n", sid.length() > 8 ? "…" + sid.substring(sid.length() - 6) : sid, line);
        }
    }

    /** One readable line per event worth showing; null for partial transcripts and metrics. */
    static String describe(String type, JsonObject data) {
        return switch (type) {
            case "call.started" -> "call started (%s, stream %s)".formatted(data.getString("direction", "?"),
                    data.getString("streamSid", "?"));
            case "transcript.caller" -> finalText(data, "caller: ");
            case "transcript.agent" -> finalText(data, "agent:  ");
            case "tool.called" -> "tool:   %s(%s)".formatted(data.getString("name"), data.getValue("arguments"));
            case "tool.result" -> "tool:   %s -> %s".formatted(data.getString("name"), data.getValue("output"));
            case "call.interrupted" -> "(caller barged in; agent audio cut at %s ms)".formatted(
                    data.getValue("audioEndMs"));
            case "call.error" -> "error:  " + data.getString("message");
            case "call.ended" -> "call ended: %s after %.1f s".formatted(data.getString("reason"),
                    data.getLong("durationMs", 0L) / 1000.0);
            case "call.metrics", "" -> null;
            default -> type.startsWith("transcript.") ? null : type + " " + data.encode();
        };
    }

    private static String finalText(JsonObject data, String who) {
        return Boolean.TRUE.equals(data.getBoolean("final")) ? who + data.getString("text") : null;
    }
}
