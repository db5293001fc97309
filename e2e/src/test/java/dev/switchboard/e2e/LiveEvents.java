package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@code /logs} client of control-api that keeps every event it receives. */
final class LiveEvents {

    private final List<JsonObject> events = new CopyOnWriteArrayList<>();

    static LiveEvents connect(Vertx vertx, int controlPort) throws Exception {
        LiveEvents live = new LiveEvents();
        vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                        .setAbsoluteURI("ws://127.0.0.1:" + controlPort + "/logs"))
                .map(ws -> ws.textMessageHandler(text -> live.events.add(new JsonObject(text))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return live;
    }

    /** Every event of the call received so far, as sent. */
    List<JsonObject> events(String callSid) {
        return events.stream().filter(e -> callSid.equals(e.getString("callSid"))).toList();
    }

    /** The call's story as told so far: final transcript lines, tool calls and the call's start and end. */
    List<String> story(String callSid) {
        return events.stream().filter(e -> callSid.equals(e.getString("callSid"))).map(LiveEvents::line)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static String line(JsonObject event) {
        JsonObject data = event.getJsonObject("data", new JsonObject());
        boolean isFinal = Boolean.TRUE.equals(data.getBoolean("final"));
        return switch (event.getString("type")) {
            case "call.started", "call.ended" -> event.getString("type");
            case "transcript.caller" -> isFinal ? "caller: " + data.getString("text") : "";
            case "transcript.agent" -> isFinal ? "agent: " + data.getString("text") : "";
            case "tool.called", "tool.result" -> event.getString("type") + " " + data.getString("name");
            default -> "";
        };
    }
}
