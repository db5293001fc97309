package dev.switchboard.control.livelogs;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.List;

/**
 * Live call events for UI clients, optionally narrowed with {@code ?callSid=}. The stream is one-way:
 * whatever a client sends is ignored, so no UI can inject anything into a call.
 */
@WebSocket(path = "/logs")
public class LiveLogSocket {

    private final LiveLogHub hub;

    LiveLogSocket(LiveLogHub hub) {
        this.hub = hub;
    }

    @OnOpen
    void onOpen(WebSocketConnection client) {
        hub.join(client, callSidFilter(client));
    }

    @OnTextMessage
    void onMessage(String ignored, WebSocketConnection client) {
        Log.debugf("ignored a message from live-log client %s", client.id());
    }

    @OnClose
    void onClose(WebSocketConnection client) {
        hub.leave(client);
    }

    private static String callSidFilter(WebSocketConnection client) {
        String query = client.handshakeRequest().query();
        if (query == null) {
            return null;
        }
        List<String> values = new QueryStringDecoder(query, false).parameters().get("callSid");
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst();
    }
}
