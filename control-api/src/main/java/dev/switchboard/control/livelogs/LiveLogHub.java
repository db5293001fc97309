package dev.switchboard.control.livelogs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.control.ControlConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fans call events out to every UI client on /logs. Publishing only queues frames on sockets, never waits on one;
 * a client whose buffer fills is closed and forgotten, so it cannot slow the gateway link or the other clients.
 * One lock orders publish and join, so a late joiner sees its replay followed by every later event, nothing twice.
 */
@ApplicationScoped
public class LiveLogHub {

    /** Close code for a client dropped for falling behind (1008: policy violation). */
    public static final int TOO_SLOW = 1008;

    private static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final ObjectMapper json;
    private final int clientBuffer;
    private final RecentEvents recent;
    private final Map<String, LiveLogClient> clients = new LinkedHashMap<>();
    private final Counter droppedClients;

    LiveLogHub(ObjectMapper json, ControlConfig config, MeterRegistry registry) {
        this.json = json;
        this.clientBuffer = config.liveLogs().clientBuffer();
        this.recent = new RecentEvents(config.liveLogs().replayPerCall(), config.liveLogs().replayCalls());
        this.droppedClients = Counter.builder("switchboard.livelogs.clients.dropped")
                .description("UI clients closed for falling behind the live-log stream").register(registry);
    }

    synchronized void publish(LiveEvent event) {
        String frame = write(event);
        recent.add(event.callSid(), ends(event), frame);
        var each = clients.values().iterator();
        while (each.hasNext()) {
            LiveLogClient client = each.next();
            if (client.wants(event.callSid()) && !client.offer(frame)) {
                each.remove();
                drop(client);
            }
        }
    }

    // A final Twilio status ends the call for replay purposes as call.ended does, whichever of the two comes last.
    private static boolean ends(LiveEvent event) {
        return "call.ended".equals(event.type()) || "call.status".equals(event.type()) && event.data() != null
                && FINAL_STATUSES.contains(String.valueOf(event.data().get("status")));
    }

    // Written once, however many clients get it.
    private String write(LiveEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unwritable live event " + event.type(), e);
        }
    }

    synchronized void join(WebSocketConnection connection, String callSid) {
        LiveLogClient client = new LiveLogClient(connection, callSid, clientBuffer);
        // Half the buffer at most, so a replay alone never gets a fresh client dropped.
        for (String frame : recent.replay(callSid, Math.max(1, clientBuffer / 2))) {
            if (!client.offer(frame)) {
                drop(client);
                return;
            }
        }
        clients.put(client.id(), client);
    }

    synchronized void leave(WebSocketConnection connection) {
        clients.remove(connection.id());
    }

    /** Number of UI clients currently receiving the stream. */
    public synchronized int clients() {
        return clients.size();
    }

    /** UI clients dropped so far for falling behind. */
    public long droppedClients() {
        return (long) droppedClients.count();
    }

    private void drop(LiveLogClient client) {
        droppedClients.increment();
        Log.warnf("dropped live-log client %s: more than %d events unsent", client.id(), clientBuffer);
        client.close(new CloseReason(TOO_SLOW, "too slow: more than " + clientBuffer + " events unsent"));
    }
}
